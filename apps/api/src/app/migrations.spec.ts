import type { DataSource } from 'typeorm';
import { appTables, indexShape } from '../testing/app-tables';
import { openTestDataSource } from '../testing/test-data-source';
import { migrations } from '../migrations';

/**
 * The migrations undone and run again, on a real database (PostgreSQL under test:postgres):
 * each `down` works and leaves what its `up` can run on again, and the schema comes back as it was.
 */
describe('migrations', () => {
  let dataSource: DataSource;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ dataSource, dispose } = await openTestDataSource()));
  afterAll(() => dispose());

  it('undo the last 1 … all of them, and run them again to the same schema each time', async () => {
    const migrated = await appTables(dataSource);
    expect(Object.keys(migrated)).toContain('messages');

    // Undoing only the last few, not just all of them at once: a `down` that leaves something
    // behind would otherwise be hidden by an earlier migration's `down` dropping its table.
    for (let undo = 1; undo <= migrations.length; undo++) {
      for (let i = 0; i < undo; i++) await dataSource.undoLastMigration({ transaction: 'each' });
      if (undo === migrations.length) expect(await appTables(dataSource)).toEqual({});
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      expect(ran.map((migration) => migration.name)).toEqual(migrations.slice(-undo).map((migration) => migration.name));
      expect(await appTables(dataSource)).toEqual(migrated);
    }
    // Thirty migration steps, each DDL in its own transaction: on PostgreSQL on a busy CI machine
    // that took 6.4 s once, past Jest's default 5 s.
  }, 60_000);

  it('leave no index on messages.mood: nothing reads messages by mood', async () => {
    // By its columns, not its name: an index on mood alone under any name would be the same cost.
    expect((await appTables(dataSource)).messages.indices.filter((index) => index.endsWith('(mood)'))).toEqual([]);
  });

  it('give each job-status index the other time, so the readout counts jobs from the index alone', async () => {
    const { indices } = (await appTables(dataSource)).inference_jobs;
    expect(indices).toContain(indexShape('idx_jobs_status_created', ['status', 'created_at', 'finished_at']));
    expect(indices).toContain(indexShape('idx_jobs_status_finished', ['status', 'finished_at', 'created_at']));
  });
});
