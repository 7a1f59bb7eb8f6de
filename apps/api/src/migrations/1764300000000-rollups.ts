import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { rebuildStats } from '../app/stats/rebuild-stats';

/**
 * Running totals kept as data is written, so the experiment readout stays fast at millions of
 * rows: per-user counts and retention flags on `users`, message counts (and the arm) per active
 * day, and
 * per-day tables for each arm, for moods and for finished jobs. Filled from the existing rows.
 */
export class Rollups1764300000000 implements MigrationInterface {
  name = 'Rollups1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const int = (name: string) => new TableColumn({ name, type: 'integer', default: 0 });
    const day = (name = 'day', isPrimary = true) => ({ name, type: 'varchar', length: '10', isPrimary });
    await queryRunner.addColumns('users', [
      new TableColumn({ name: 'cohort_day', type: 'varchar', length: '10', isNullable: true }),
      int('d1'),
      int('d7'),
      int('message_count'),
      int('visit_count'),
    ]);
    await queryRunner.addColumns('activity_days', [
      int('messages'),
      new TableColumn({ name: 'variant', type: 'varchar', length: '16', isNullable: true }),
    ]);
    await queryRunner.createIndex('activity_days', new TableIndex({ name: 'idx_activity_days_day_variant', columnNames: ['day', 'variant'] }));
    await queryRunner.createIndex('inference_jobs', new TableIndex({ name: 'idx_jobs_status_created', columnNames: ['status', 'created_at'] }));
    await queryRunner.createIndex('users', new TableIndex({ name: 'idx_users_message_count', columnNames: ['message_count'] }));

    await queryRunner.createTable(
      new Table({
        name: 'daily_arm_stats',
        columns: [
          day(),
          { name: 'variant', type: 'varchar', length: '16', isPrimary: true },
          { name: 'new_users', type: 'integer', default: 0 },
          { name: 'messages', type: 'integer', default: 0 },
          { name: 'visits', type: 'integer', default: 0 },
          { name: 'visits_ended', type: 'integer', default: 0 },
          { name: 'visit_ms', type: 'bigint', default: 0 },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'daily_mood_counts',
        columns: [day(), { name: 'mood', type: 'varchar', length: '16', isPrimary: true }, { name: 'n', type: 'integer', default: 0 }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'daily_job_latencies',
        columns: [day(), { name: 'latency_ms', type: 'integer', isPrimary: true }, { name: 'n', type: 'integer', default: 0 }],
      }),
    );
    await rebuildStats(queryRunner.manager);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['daily_job_latencies', 'daily_mood_counts', 'daily_arm_stats']) await queryRunner.dropTable(table);
    await queryRunner.dropIndex('users', 'idx_users_message_count');
    await queryRunner.dropIndex('inference_jobs', 'idx_jobs_status_created');
    await queryRunner.dropIndex('activity_days', 'idx_activity_days_day_variant');
    await queryRunner.dropColumn('activity_days', 'variant');
    await queryRunner.dropColumn('activity_days', 'messages');
    for (const column of ['visit_count', 'message_count', 'd7', 'd1', 'cohort_day']) await queryRunner.dropColumn('users', column);
  }
}
