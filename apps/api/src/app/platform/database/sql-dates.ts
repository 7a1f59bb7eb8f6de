/**
 * Dates as raw SQL parameters. TypeORM stores SQLite datetimes as UTC text
 * `YYYY-MM-DD HH:MM:SS.SSS` (so they sort as text); PostgreSQL takes Date objects.
 */
export function sqlDate(date: Date, sqlite: boolean): Date | string {
  return sqlite ? date.toISOString().replace('T', ' ').replace('Z', '') : date;
}

/** Reads a date column from a raw row: a Date (PostgreSQL) or UTC text (SQLite). */
export function rowDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}
