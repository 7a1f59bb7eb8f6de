import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/**
 * Running totals kept as data is written, so the experiment readout stays fast at millions of
 * rows: per-user counts and retention flags on `users`, message counts (and the arm) per active
 * day, and per-day tables for each arm, for moods and for finished jobs. Filled from the existing
 * rows.
 *
 * Frozen, like every migration: it imports nothing from the application, so it does what it did
 * when it was written whatever the application becomes.
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
    for (const sql of fillFromRows(queryRunner.connection.options.type === 'postgres')) await queryRunner.query(sql);
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

/** The totals computed from the rows as they were when this migration was written (SQLite or PostgreSQL SQL). */
function fillFromRows(postgres: boolean): string[] {
  const day = (column: string) => (postgres ? `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')` : `substr(${column}, 1, 10)`);
  const addDays = (dayExpression: string, days: number) =>
    postgres ? `to_char(CAST(${dayExpression} AS date) + ${days}, 'YYYY-MM-DD')` : `date(${dayExpression}, '+${days} day')`;
  const ms = (start: string, end: string) =>
    postgres
      ? `ROUND((EXTRACT(EPOCH FROM (${end} - ${start})) * 1000.0))::bigint`
      : `CAST(ROUND(((unixepoch(${end}, 'subsec') - unixepoch(${start}, 'subsec')) * 1000.0)) AS INTEGER)`;
  return [
    `DELETE FROM activity_days`,
    `INSERT INTO activity_days (user_id, day, messages, variant)
       SELECT x.user_id, x.d, SUM(x.m), MIN(u.variant) FROM (
         SELECT user_id, ${day('started_at')} AS d, 0 AS m FROM visits
         UNION ALL
         SELECT user_id, ${day('created_at')} AS d, 1 AS m FROM messages) x
       JOIN users u ON u.id = x.user_id
       GROUP BY x.user_id, x.d`,
    `UPDATE users SET
       message_count = (SELECT COUNT(*) FROM messages m WHERE m.user_id = users.id),
       visit_count = (SELECT COUNT(*) FROM visits v WHERE v.user_id = users.id),
       cohort_day = (SELECT MIN(a.day) FROM activity_days a WHERE a.user_id = users.id)`,
    `UPDATE users SET
       d1 = CASE WHEN EXISTS (SELECT 1 FROM activity_days a WHERE a.user_id = users.id AND a.day = ${addDays('users.cohort_day', 1)}) THEN 1 ELSE 0 END,
       d7 = CASE WHEN EXISTS (SELECT 1 FROM activity_days a WHERE a.user_id = users.id AND a.day = ${addDays('users.cohort_day', 7)}) THEN 1 ELSE 0 END`,
    `DELETE FROM daily_arm_stats`,
    `INSERT INTO daily_arm_stats (day, variant, new_users, messages, visits, visits_ended, visit_ms)
       SELECT d, variant, SUM(nu), SUM(m), SUM(v), SUM(ve), SUM(ms) FROM (
         SELECT ${day('created_at')} AS d, variant, 1 AS nu, 0 AS m, 0 AS v, 0 AS ve, 0 AS ms FROM users
         UNION ALL
         SELECT ${day('m.created_at')}, u.variant, 0, 1, 0, 0, 0 FROM messages m JOIN users u ON u.id = m.user_id
         UNION ALL
         SELECT ${day('v.started_at')}, u.variant, 0, 0, 1, 0, 0 FROM visits v JOIN users u ON u.id = v.user_id
         UNION ALL
         SELECT ${day('v.ended_at')}, u.variant, 0, 0, 0, 1, ${ms('v.started_at', 'v.ended_at')}
           FROM visits v JOIN users u ON u.id = v.user_id WHERE v.ended_at IS NOT NULL) x
       GROUP BY d, variant`,
    `DELETE FROM daily_mood_counts`,
    `INSERT INTO daily_mood_counts (day, mood, n) SELECT ${day('created_at')}, mood, COUNT(*) FROM messages GROUP BY ${day('created_at')}, mood`,
    `DELETE FROM daily_job_latencies`,
    `INSERT INTO daily_job_latencies (day, latency_ms, n)
       SELECT ${day('created_at')}, latency_ms, COUNT(*) FROM inference_jobs
        WHERE status = 'DONE' AND latency_ms IS NOT NULL
        GROUP BY ${day('created_at')}, latency_ms`,
  ];
}
