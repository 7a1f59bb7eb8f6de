import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { openTestDataSource } from '../../../testing/test-data-source';
import { insertRows, readTimestamp, runSql, skipLockedRows } from './sql';

/** A table of the spec's own, with the column types the app uses. */
@Entity({ name: 'sql_spec_rows' })
class Row {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: Date })
  at!: Date;

  @Column({ type: 'integer', default: 0 })
  n!: number;

  @Column({ type: 'varchar', length: 32, nullable: true })
  label!: string | null;
}

/** runSql on a real database: SQLite here, PostgreSQL under `npm run test:postgres`. */
describe('runSql', () => {
  let dataSource: DataSource;
  let dispose: () => Promise<void>;
  const at = new Date('2026-11-01T23:59:59.999Z');

  beforeAll(async () => {
    ({ dataSource, dispose } = await openTestDataSource({ entities: [Row], synchronize: true }));
  });
  afterAll(() => dispose());
  beforeEach(() => dataSource.getRepository(Row).clear());

  it('binds strings, numbers, null and Dates, so the row reads back as TypeORM wrote it', async () => {
    const { affected } = await runSql(dataSource.manager, 'INSERT INTO sql_spec_rows (id, at, n, label) VALUES (:id, :at, :n, :label)', {
      id: 'a',
      at,
      n: 41,
      label: null,
    });
    expect(affected).toBe(1);
    expect(await dataSource.getRepository(Row).findOneByOrFail({ id: 'a' })).toEqual({ id: 'a', at, n: 41, label: null });
  });

  it('insertRows writes every row of a group in one statement, Dates and nulls as TypeORM would', async () => {
    const query = jest.spyOn(Object.getPrototypeOf(dataSource.createQueryRunner()), 'query');
    const later = new Date(at.getTime() + 1);
    await insertRows(dataSource.manager, 'sql_spec_rows', ['id', 'at', 'n', 'label'], [
      ['g1', at, 1, null],
      ['g2', later, 2, 'two'],
      ['g3', at, 3, 'three'],
    ]);
    await insertRows(dataSource.manager, 'sql_spec_rows', ['id', 'at', 'n', 'label'], []);
    expect(query.mock.calls.map(([text]) => String(text).startsWith('INSERT INTO sql_spec_rows'))).toEqual([true]);
    query.mockRestore();
    expect(await dataSource.getRepository(Row).find({ order: { id: 'ASC' } })).toEqual([
      { id: 'g1', at, n: 1, label: null },
      { id: 'g2', at: later, n: 2, label: 'two' },
      { id: 'g3', at, n: 3, label: 'three' },
    ]);
  });

  it('compares bound Dates with the ones TypeORM stored, to the millisecond', async () => {
    await dataSource.getRepository(Row).insert({ id: 'b', at, n: 1, label: 'x' });
    const count = async (sql: string, params: Record<string, unknown>) =>
      Number((await runSql<{ c: number | string }>(dataSource.manager, `SELECT COUNT(*) AS c FROM sql_spec_rows WHERE ${sql}`, params)).rows[0].c);
    expect(await count('at = :at', { at })).toBe(1);
    expect(await count('at < :at', { at: new Date(at.getTime() + 1) })).toBe(1);
    expect(await count('at < :at', { at })).toBe(0);
    expect(await count('at >= :from AND at < :to', { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-02T00:00:00Z') })).toBe(1);
  });

  it('reads a returned timestamp back as the Date TypeORM stored', async () => {
    await dataSource.getRepository(Row).insert({ id: 'f', at, n: 0, label: null });
    const { rows } = await runSql<{ at: unknown }>(dataSource.manager, 'SELECT at FROM sql_spec_rows WHERE id = :id', { id: 'f' });
    expect(readTimestamp(dataSource.manager, rows[0].at)).toEqual(at);
  });

  it('binds every value (a name used twice too) instead of writing it into the text', async () => {
    await dataSource.getRepository(Row).insert({ id: 'c', at, n: 5, label: 'five' });
    const query = jest.spyOn(Object.getPrototypeOf(dataSource.createQueryRunner()), 'query');
    const { rows } = await runSql<{ id: string; total: number | string }>(
      dataSource.manager,
      'SELECT id, n + :k AS total FROM sql_spec_rows WHERE n < :k * 2 AND label = :label',
      { k: 3, label: 'five' },
    );
    expect(rows.map((row) => ({ ...row, total: Number(row.total) }))).toEqual([{ id: 'c', total: 8 }]);
    const [text, values] = query.mock.calls[0] as [string, unknown[]];
    expect(values).toEqual([3, 3, 'five']);
    const p = (index: number) => dataSource.driver.createParameter('p', index);
    expect(text).toBe(`SELECT id, n + ${p(0)} AS total FROM sql_spec_rows WHERE n < ${p(1)} * 2 AND label = ${p(2)}`);
    query.mockRestore();
    await expect(runSql(dataSource.manager, 'SELECT :missing', {})).rejects.toThrow('runSql: no value for :missing');
  });

  it('counts changed rows and returns RETURNING rows, in the manager transaction', async () => {
    await dataSource.getRepository(Row).insert([
      { id: 'd', at, n: 1, label: null },
      { id: 'e', at, n: 2, label: null },
    ]);
    const claimed = await dataSource.transaction(async (manager) => {
      const update = await runSql(manager, 'UPDATE sql_spec_rows SET n = n + :step WHERE n >= :min', { step: 10, min: 0 });
      expect(update.affected).toBe(2);
      return runSql<{ id: string }>(
        manager,
        `UPDATE sql_spec_rows SET label = :label
          WHERE id IN (SELECT id FROM sql_spec_rows WHERE n > :n ORDER BY id LIMIT 1 ${skipLockedRows(manager)})
          RETURNING id`,
        { label: 'claimed', n: 11 },
      );
    });
    expect(claimed.rows).toEqual([{ id: 'e' }]);
    expect((await dataSource.getRepository(Row).find({ order: { id: 'ASC' } })).map((row) => [row.id, row.n, row.label])).toEqual([
      ['d', 11, null],
      ['e', 12, 'claimed'],
    ]);
  });
});
