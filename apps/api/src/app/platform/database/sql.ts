import type { EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** What a statement gave back: the rows it returned (a SELECT, or `RETURNING`) and how many rows it changed. */
export interface SqlResult<Row> {
  rows: Row[];
  affected: number;
}

/** A `:name` parameter (not the second colon of a PostgreSQL `::type` cast). */
const PARAMETER = /(?<![:\w]):([A-Za-z_]\w*)/g;
/** How TypeORM stores an entity's `Date` column on the current driver. */
const TIMESTAMP_COLUMN = { type: Date } as unknown as ColumnMetadata;

/**
 * Runs SQL written once for SQLite and PostgreSQL, for the few statements an entity or the
 * QueryBuilder cannot say (a running total's `ON CONFLICT … DO UPDATE SET n = n + …`, a claim's
 * `UPDATE … RETURNING`). Parameters are named (`:day`); each becomes the driver's own placeholder
 * (`?` or `$n`) with its value bound, never written into the text, so a statement's text does not
 * change with its values and stays in the driver's statement cache. Dates are bound as TypeORM
 * stores a `Date` column (UTC text on SQLite, a timestamp on PostgreSQL), so they compare with
 * stored ones. Runs in the manager's transaction when it has one.
 */
export async function runSql<Row = Record<string, unknown>>(
  manager: EntityManager,
  sql: string,
  params: Record<string, unknown> = {},
): Promise<SqlResult<Row>> {
  const driver = manager.connection.driver;
  const { text, names } = compiled(driver, sql);
  const values = names.map((name) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) throw new Error(`runSql: no value for :${name}`);
    const value = params[name];
    return value instanceof Date ? driver.preparePersistentValue(value, TIMESTAMP_COLUMN) : value;
  });
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(text, values, true);
    return { rows: (result.records ?? []) as Row[], affected: result.affected ?? 0 };
  } finally {
    if (runner !== manager.queryRunner) await runner.release();
  }
}

/** A statement in the driver's placeholders, and the parameter each placeholder takes, in order. */
interface Compiled {
  text: string;
  names: string[];
}

/**
 * Statements already turned into a driver's placeholders, per driver: the hot statements are
 * the same few texts over and over, so the rewriting is done once per text, not per call.
 */
const compiledByDriver = new WeakMap<object, Map<string, Compiled>>();
/** Texts kept per driver; statements built per group size stay well under it. */
const MAX_COMPILED = 1000;

function compiled(driver: EntityManager['connection']['driver'], sql: string): Compiled {
  let cache = compiledByDriver.get(driver);
  if (!cache) compiledByDriver.set(driver, (cache = new Map()));
  let found = cache.get(sql);
  if (!found) {
    const names: string[] = [];
    const text = sql.replace(PARAMETER, (_whole, name: string) => {
      names.push(name);
      return driver.createParameter(name, names.length - 1);
    });
    found = { text, names };
    if (cache.size >= MAX_COMPILED) cache.clear();
    cache.set(sql, found);
  }
  return found;
}

/** One multi-row INSERT text per table, columns and row count, built once. */
const insertTexts = new Map<string, string>();

/**
 * `INSERT INTO table (columns) VALUES (…), (…)`: one statement for all `rows` (each a value per
 * column, in order), run through runSql, nothing read back. The text is the same for the same
 * number of rows, so each group size keeps one prepared statement.
 */
export async function insertRows(manager: EntityManager, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
  if (rows.length === 0) return;
  const key = `${table}|${columns.join(',')}|${rows.length}`;
  let sql = insertTexts.get(key);
  if (!sql) {
    const tuples = rows.map((_row, r) => `(${columns.map((_column, c) => `:r${r}c${c}`).join(', ')})`);
    sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`;
    insertTexts.set(key, sql);
  }
  const params: Record<string, unknown> = {};
  rows.forEach((row, r) => row.forEach((value, c) => (params[`r${r}c${c}`] = value)));
  await runSql(manager, sql, params);
}

/** A timestamp from a runSql row as a Date, read the way TypeORM reads an entity's `Date` column. */
export function readTimestamp(manager: EntityManager, value: unknown): Date {
  return manager.connection.driver.prepareHydratedValue(value, TIMESTAMP_COLUMN) as Date;
}

/**
 * `FOR UPDATE SKIP LOCKED` where rows can be locked (PostgreSQL: claimers skip the rows another
 * one holds); nothing on SQLite, whose single writer runs a claim alone.
 */
export function skipLockedRows(manager: EntityManager): string {
  return manager.connection.driver.options.type === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
}
