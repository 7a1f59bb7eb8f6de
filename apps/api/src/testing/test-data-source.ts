import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createTestDatabase, dropTestDatabase } from '@moodlobby/testing';
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
 * TEST_DATABASE=postgres — a new database on TEST_POSTGRES_URL (`npm run test:postgres`), made
 * and dropped by libs/testing as the e2e suites' are. Spec support only: nothing in the app
 * imports this.
 */
export async function openTestDataSource(
  options: TestDataSourceOptions = {},
): Promise<{ dataSource: DataSource; dispose: () => Promise<void> }> {
  const { entities = appEntities, synchronize = false } = options;
  const dir = mkdtempSync(join(tmpdir(), 'moodlobby-spec-'));
  const url = await createTestDatabase(dir);
  const dataSource = await new DataSource({
    ...dataSourceOptions(url, entities),
    ...(synchronize ? { migrationsRun: false, synchronize: true } : {}),
  }).initialize();
  return {
    dataSource,
    dispose: async () => {
      await dataSource.destroy();
      await dropTestDatabase(url);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
