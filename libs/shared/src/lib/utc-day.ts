/**
 * UTC days as `YYYY-MM-DD`: how the API keeps activity and running totals, how the readout's
 * `asOf` and ranges are given, how the dashboard picks them. The one place days are computed.
 */
export const DAY_MS = 86_400_000;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day of an instant; today's by default. */
export function utcDay(at: Date = new Date()): string {
  return at.toISOString().slice(0, 10);
}

/** The first instant (midnight UTC) of a day. */
export function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** `day` moved by `days` (may be negative). */
export function addDays(day: string, days: number): string {
  return utcDay(new Date(startOfDay(day).getTime() + days * DAY_MS));
}

/** How many days `to` is after `from` (negative when before). */
export function daysBetween(from: string, to: string): number {
  return Math.round((startOfDay(to).getTime() - startOfDay(from).getTime()) / DAY_MS);
}

/** A real calendar day in `YYYY-MM-DD` (2026-02-30 and 2026-13-01 are not). */
export function isCalendarDay(value: unknown): value is string {
  if (typeof value !== 'string' || !DAY.test(value)) return false;
  const start = startOfDay(value);
  return !Number.isNaN(start.getTime()) && start.toISOString().startsWith(value);
}

/** The Monday that starts the ISO week (Monday to Sunday, UTC) of `day`. */
export function isoWeekMonday(day: string): string {
  const sinceMonday = (startOfDay(day).getUTCDay() + 6) % 7;
  return addDays(day, -sinceMonday);
}
