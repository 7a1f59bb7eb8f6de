import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { parseDatabaseUrl } from '../config/database-url';
import { migrations } from '../../../migrations';

/** The entity classes a data source maps (app/entities.ts lists the app's). */
export type Entities = NonNullable<DataSourceOptions['entities']>;

/**
 * TypeORM options for `DATABASE_URL` and the app's `entities`. Migrations run at start;
 * `synchronize` is never on. SQLite gets WAL, a busy timeout and NORMAL sync (safe with WAL)
 * before anything else runs.
 */
// Drivers are passed explicitly (TypeORM would load them by name at run time), so the bundler
// sees the imports and the build's generated package.json lists them.
export function dataSourceOptions(databaseUrl: string, entities: Entities): DataSourceOptions {
  const target = parseDatabaseUrl(databaseUrl);
  const common = { entities, migrations, migrationsRun: true, synchronize: false, logging: false } as const;
  if (target.kind === 'postgres') {
    return { ...common, type: 'postgres', driver: pg, url: target.url, extra: { max: 10 } };
  }
  mkdirSync(dirname(target.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    driver: Database,
    database: target.path,
    prepareDatabase: (db: Database.Database) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}
