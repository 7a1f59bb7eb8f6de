import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Pool } from 'pg';

/**
 * Which database the e2e suites run against: SQLite files by default, or PostgreSQL when
 * TEST_DATABASE=postgres (then TEST_POSTGRES_URL names a server where databases may be created;
 * `npm run test:postgres` sets both up).
 */
export const TEST_DATABASE: 'sqlite' | 'postgres' = process.env['TEST_DATABASE'] === 'postgres' ? 'postgres' : 'sqlite';

function postgresAdminUrl(): string {
  const url = process.env['TEST_POSTGRES_URL'];
  if (!url) throw new Error('TEST_DATABASE=postgres needs TEST_POSTGRES_URL (see tools/test-services.sh)');
  return url;
}

const pools = new Map<string, Pool>();
function pool(url: string): Pool {
  let found = pools.get(url);
  if (!found) {
    found = new Pool({ connectionString: url, max: 4, idleTimeoutMillis: 1000, allowExitOnIdle: true });
    // An idle client cut off by the server (a dropped test database) reports here, not to a query.
    found.on('error', () => undefined);
    pools.set(url, found);
  }
  return found;
}

/** A fresh, empty database for one server: a SQLite file in `dataDir`, or a new PostgreSQL database. */
export async function createTestDatabase(dataDir: string): Promise<string> {
  if (TEST_DATABASE === 'sqlite') return `sqlite:${join(dataDir, 'moodlobby.db')}`;
  const name = `moodlobby_e2e_${randomBytes(6).toString('hex')}`;
  await pool(postgresAdminUrl()).query(`CREATE DATABASE ${name}`);
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a database made by createTestDatabase (SQLite files go with their folder). */
export async function dropTestDatabase(databaseUrl: string): Promise<void> {
  if (!databaseUrl.startsWith('postgres')) return;
  await pools.get(databaseUrl)?.end();
  pools.delete(databaseUrl);
  const name = new URL(databaseUrl).pathname.slice(1);
  await pool(postgresAdminUrl()).query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** `?` placeholders become `$1, $2, …` for PostgreSQL. */
function forPostgres(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Reads the server's real database (SQLite read-only, or PostgreSQL) to check what was stored. */
export async function queryDb<T = Record<string, unknown>>(databaseUrl: string, sql: string, ...params: unknown[]): Promise<T[]> {
  if (databaseUrl.startsWith('postgres')) return (await pool(databaseUrl).query(forPostgres(sql), params)).rows as T[];
  const db = new Database(databaseUrl.slice('sqlite:'.length), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export async function count(databaseUrl: string, table: string, where = '1=1', ...params: unknown[]): Promise<number> {
  const [row] = await queryDb<{ n: number | string }>(databaseUrl, `SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, ...params);
  return Number(row.n);
}

/**
 * Polls `count(table, where)` every 20 ms until `until(n)` holds, and returns n; throws with the
 * last count when `timeoutMs` passes first, so a wait that never ends fails the test.
 */
export async function waitForCount(
  databaseUrl: string,
  query: { table: string; where: string; params?: unknown[]; until: (n: number) => boolean; timeoutMs?: number },
): Promise<number> {
  const { table, where, params = [], until, timeoutMs = 10_000 } = query;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = await count(databaseUrl, table, where, ...params);
    if (until(n)) return n;
    if (Date.now() > deadline) throw new Error(`${table} WHERE ${where}: still ${n} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Writes rows directly (to stage what a crashed process left behind), all in one transaction. */
export async function execDb(databaseUrl: string, statements: [sql: string, params: unknown[]][]): Promise<void> {
  if (databaseUrl.startsWith('postgres')) {
    const client = await pool(databaseUrl).connect();
    try {
      await client.query('BEGIN');
      for (const [sql, params] of statements) await client.query(forPostgres(sql), params);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
    return;
  }
  const db = new Database(databaseUrl.slice('sqlite:'.length));
  try {
    db.transaction(() => statements.forEach(([sql, params]) => db.prepare(sql).run(...params)))();
  } finally {
    db.close();
  }
}

/** A timestamp as the API (TypeORM) stores it in SQLite: UTC text `YYYY-MM-DD HH:MM:SS.SSS`. */
export function sqliteTime(at: Date | number): string {
  return new Date(at).toISOString().replace('T', ' ').replace('Z', '');
}

/** The instant a SQLite timestamp (`sqliteTime`'s text) stands for. */
export function fromSqliteTime(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}Z`);
}

/** A timestamp parameter as the API stores it: UTC text on SQLite, an ISO instant on PostgreSQL. */
export function dbTime(databaseUrl: string, date: Date): string {
  return databaseUrl.startsWith('postgres') ? date.toISOString() : sqliteTime(date);
}
