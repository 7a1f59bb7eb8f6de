/**
 * The few SQL expressions that differ between SQLite and PostgreSQL, for the hand-written
 * aggregate queries. Days are `YYYY-MM-DD` text on both, so they compare and group alike.
 */
export interface SqlDialect {
  readonly sqlite: boolean;
  /** The UTC day of a timestamp column, as `YYYY-MM-DD`. */
  day(column: string): string;
  /** A `YYYY-MM-DD` expression moved by `days`. */
  addDays(dayExpression: string, days: number): string;
  /** Milliseconds between two timestamp columns. */
  durationMs(start: string, end: string): string;
  /** Placeholder for the n-th (1-based) parameter. */
  param(n: number): string;
}

export const sqliteDialect: SqlDialect = {
  sqlite: true,
  day: (column) => `substr(${column}, 1, 10)`,
  addDays: (day, days) => `date(${day}, '${days >= 0 ? '+' : ''}${days} day')`,
  durationMs: (start, end) => `((unixepoch(${end}, 'subsec') - unixepoch(${start}, 'subsec')) * 1000.0)`,
  param: () => '?',
};

export const postgresDialect: SqlDialect = {
  sqlite: false,
  day: (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
  addDays: (day, days) => `to_char(CAST(${day} AS date) + ${days}, 'YYYY-MM-DD')`,
  durationMs: (start, end) => `(EXTRACT(EPOCH FROM (${end} - ${start})) * 1000.0)`,
  param: (n) => `$${n}`,
};

/** Builds a parameter list and its placeholders together, so their order can't drift. */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(private readonly dialect: SqlDialect) {}

  add(value: unknown): string {
    this.values.push(value);
    return this.dialect.param(this.values.length);
  }
}
