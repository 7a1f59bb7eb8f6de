import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { entities } from '../app/entities';
import { dataSourceOptions } from '../app/platform/database/data-source-options';

/**
 * A real, migrated, empty database for a spec: a SQLite file in a temp folder, or — with
 * TEST_DATABASE=postgres — a new database on TEST_POSTGRES_URL (`npm run test:postgres`).
 * Spec support only: nothing in the app imports this.
 */
export async function openTestDataSource(): Promise<{ dataSource: DataSource; dispose: () => Promise<void> }> {
  if (process.env['TEST_DATABASE'] !== 'postgres') {
    const dir = mkdtempSync(join(tmpdir(), 'moodlobby-spec-'));
    const dataSource = await new DataSource(dataSourceOptions(`sqlite:${join(dir, 'test.db')}`, entities)).initialize();
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
  const dataSource = await new DataSource(dataSourceOptions(url.toString(), entities)).initialize();
  return {
    dataSource,
    dispose: async () => {
      await dataSource.destroy();
      await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
