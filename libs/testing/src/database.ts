import Database from 'better-sqlite3';

/** Reads the server's real SQLite file (read-only) to check what was stored. */
export function queryDb<T = Record<string, unknown>>(databaseUrl: string, sql: string, ...params: unknown[]): T[] {
  if (!databaseUrl.startsWith('sqlite:')) throw new Error('queryDb reads SQLite files only');
  const db = new Database(databaseUrl.slice('sqlite:'.length), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export function count(databaseUrl: string, table: string, where = '1=1', ...params: unknown[]): number {
  return queryDb<{ n: number }>(databaseUrl, `SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, ...params)[0].n;
}
