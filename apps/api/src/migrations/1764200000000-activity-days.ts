import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/** Per-user active days, backfilled from the visits and messages already stored. */
export class ActivityDays1764200000000 implements MigrationInterface {
  name = 'ActivityDays1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'activity_days',
        columns: [
          { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'day', type: 'varchar', length: '10', isPrimary: true },
        ],
        indices: [new TableIndex({ name: 'idx_activity_days_day', columnNames: ['day'] })],
      }),
    );
    const postgres = queryRunner.connection.options.type === 'postgres';
    const day = (column: string) => (postgres ? `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')` : `date(${column})`);
    await queryRunner.query(
      `INSERT INTO activity_days (user_id, day)
       SELECT user_id, ${day('started_at')} FROM visits
       UNION
       SELECT user_id, ${day('created_at')} FROM messages`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('activity_days');
  }
}
