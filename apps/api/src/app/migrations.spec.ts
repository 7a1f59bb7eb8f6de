import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../testing/test-data-source';
import { migrations } from '../migrations';

/**
 * Every migration undone in turn, then all run again, on a real database (PostgreSQL under
 * test:postgres): each `down` works, and the schema comes back as it was.
 */
describe('migrations', () => {
  let dataSource: DataSource;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ dataSource, dispose } = await openTestDataSource()));
  afterAll(() => dispose());

  /** Each application table's columns and indexes, by name. */
  async function schema(): Promise<Record<string, { columns: string[]; indices: string[] }>> {
    const runner = dataSource.createQueryRunner();
    try {
      const tables = (await runner.getTables()).filter((table) => {
        const name = table.name.replace(/^public\./, '');
        return !name.includes('.') && !name.startsWith('sqlite_') && name !== 'migrations';
      });
      return Object.fromEntries(
        tables.map((table) => [
          table.name.replace(/^public\./, ''),
          { columns: table.columns.map((c) => c.name).sort(), indices: table.indices.map((i) => String(i.name)).sort() },
        ]),
      );
    } finally {
      await runner.release();
    }
  }

  it('undo one by one to an empty database, and run again to the same schema', async () => {
    const migrated = await schema();
    expect(Object.keys(migrated)).toContain('messages');

    for (let i = 0; i < migrations.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await schema()).toEqual({});

    const ran = await dataSource.runMigrations({ transaction: 'each' });
    expect(ran.map((migration) => migration.name)).toEqual(migrations.map((migration) => migration.name));
    expect(await schema()).toEqual(migrated);
  });

  it('leave no index on messages.mood: nothing reads messages by mood', async () => {
    expect((await schema()).messages.indices).not.toContain('idx_messages_mood');
  });
});
