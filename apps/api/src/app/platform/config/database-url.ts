import { isAbsolute, resolve } from 'node:path';

export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** Reads `DATABASE_URL`: `postgres://…` is PostgreSQL; `sqlite:<path>`, `file:<path>` or a path is a SQLite file. */
export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  const path = url.replace(/^(sqlite|file):(\/\/)?/, '');
  return { kind: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path) };
}
