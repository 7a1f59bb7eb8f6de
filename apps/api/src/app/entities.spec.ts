import type { DataSource } from 'typeorm';
import { appTables, indexShape } from '../testing/app-tables';
import { openTestDataSource } from '../testing/test-data-source';

/**
 * The entities against the schema the migrations make, on a real database (PostgreSQL under
 * test:postgres). Column types are not compared: an entity's `Date` column is one type to
 * TypeORM, while the migrations make `datetime` on SQLite and `timestamptz` on PostgreSQL.
 */
describe('entities', () => {
  let dataSource: DataSource;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ dataSource, dispose } = await openTestDataSource()));
  afterAll(() => dispose());

  it('map every table', async () => {
    const tables = Object.keys(await appTables(dataSource));
    expect(tables.sort()).toEqual([...new Set(dataSource.entityMetadatas.map((entity) => entity.tableName))].sort());
  });

  it('name every column of their table, and every index with its columns', async () => {
    const runner = dataSource.createQueryRunner();
    // A table's full description; stats' UserTotals maps only its columns of lobby's users table.
    for (const entity of dataSource.entityMetadatas.filter((metadata) => metadata.synchronize)) {
      const table = await runner.getTable(entity.tableName);
      const sorted = (names: (string | undefined)[]) => names.map(String).sort();
      const inDatabase = {
        columns: sorted(table?.columns.map((c) => c.name) ?? []),
        indices: sorted(table?.indices.map((i) => indexShape(i.name, i.columnNames)) ?? []),
      };
      const inEntity = {
        columns: sorted(entity.columns.map((c) => c.databaseName)),
        indices: sorted(entity.indices.map((i) => indexShape(i.name, i.columns.map((c) => c.databaseName)))),
      };
      expect({ table: entity.tableName, ...inEntity }).toEqual({ table: entity.tableName, ...inDatabase });
    }
    await runner.release();
  });
});
