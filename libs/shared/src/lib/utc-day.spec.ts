import { addDays, daysBetween, isCalendarDay, isoWeekMonday, startOfDay, utcDay } from './utc-day';

describe('UTC days', () => {
  it('splits days at midnight UTC, whatever the offset the instant was written with', () => {
    expect(utcDay(new Date('2026-11-25T23:59:59.999Z'))).toBe('2026-11-25');
    expect(utcDay(new Date('2026-11-26T00:00:00.000Z'))).toBe('2026-11-26');
    expect(utcDay(new Date('2026-11-25T20:00:00-05:00'))).toBe('2026-11-26');
    expect(utcDay()).toBe(new Date().toISOString().slice(0, 10));
    expect(startOfDay('2026-11-26').toISOString()).toBe('2026-11-26T00:00:00.000Z');
  });

  it('moves days across months, years and leap days', () => {
    expect(addDays('2026-03-01', -29)).toBe('2026-01-31');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-11-25', 0)).toBe('2026-11-25');
    expect(daysBetween('2026-10-27', '2026-11-25')).toBe(29);
    expect(daysBetween('2026-11-25', '2026-11-24')).toBe(-1);
  });

  it('accepts only real calendar days', () => {
    expect(isCalendarDay('2026-02-28')).toBe(true);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-1-01', '', ' 2026-02-01', 20260201, null]) {
      expect(isCalendarDay(bad)).toBe(false);
    }
  });

  it('finds the Monday of a day\'s ISO week, across months and years', () => {
    expect(isoWeekMonday('2026-12-05')).toBe('2026-11-30'); // a Saturday
    expect(isoWeekMonday('2026-11-30')).toBe('2026-11-30'); // the Monday itself
    expect(isoWeekMonday('2026-12-06')).toBe('2026-11-30'); // Sunday ends the week
    expect(isoWeekMonday('2027-01-01')).toBe('2026-12-28'); // ISO week 53 of 2026
  });
});
