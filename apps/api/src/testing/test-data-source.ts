import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { entities as appEntities } from '../app/entities';
import { dataSourceOptions, Entities } from '../app/platform/database/data-source-options';

export interface TestDataSourceOptions {
  /** Default: the app's entities, on the schema the migrations make. */
  entities?: Entities;
  /** Make the schema from `entities` instead of running the migrations (a spec's own tables). */
  synchronize?: boolean;
}

/**
 * A real, migrated, empty database for a spec: a SQLite file in a temp folder, or — with
 * TEST_DATABASE=postgres — a new database on TEST_POSTGRES_URL (`npm run test:postgres`).
 * Spec support only: nothing in the app imports this.
 */
export async function openTestDataSource(
  options: TestDataSourceOptions = {},
): Promise<{ dataSource: DataSource; dispose: () => Promise<void> }> {
  const { entities = appEntities, synchronize = false } = options;
  const open = (url: string) =>
    new DataSource({ ...dataSourceOptions(url, entities), ...(synchronize ? { migrationsRun: false, synchronize: true } : {}) }).initialize();
  if (process.env['TEST_DATABASE'] !== 'postgres') {
    const dir = mkdtempSync(join(tmpdir(), 'moodlobby-spec-'));
    const dataSource = await open(`sqlite:${join(dir, 'test.db')}`);
    return {
      dataSource,
      dispose: async () => {
        await dataSource.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const admin = process.env['TEST_POSTGRES_URL'];
  if (!admin) throw new Error('TEST_DATABASE=postgres needs TEST_POSTGRES_URL (see tools/test-services.sh)');
  const name = `moodlobby_spec_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const dataSource = await open(url.toString());
  return {
    dataSource,
    dispose: async () => {
      await dataSource.destroy();
      await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
