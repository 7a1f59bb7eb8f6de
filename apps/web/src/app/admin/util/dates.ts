/** UTC-day arithmetic is shared with the API (libs/shared); the dashboard calls today `utcToday`. */
export { addDays, isCalendarDay, utcDay as utcToday } from '@moodlobby/shared';
