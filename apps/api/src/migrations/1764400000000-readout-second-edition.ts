import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * What the second edition of the readout needs (SPEC 10.1):
 * - `users.retained_days`: bit n (1 … 14) set when the user was active on cohort day + n, for the
 *   D1–D14 retention curve;
 * - `daily_job_latencies` keyed by the day a job FINISHED (it was the day it was created), so a
 *   readout counts DONE jobs and their latency only when they had finished by the end of its day;
 *   a DONE job without a stored latency gets finished_at − created_at;
 * - an index for the jobs that finished after a past readout's day (they count as PENDING there).
 *
 * Frozen, like every migration: it imports nothing from the application.
 */
export class ReadoutSecondEdition1764400000000 implements MigrationInterface {
  name = 'ReadoutSecondEdition1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const day = (column: string) => (postgres ? `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')` : `substr(${column}, 1, 10)`);
    const addDays = (dayExpression: string, days: number) =>
      postgres ? `to_char(CAST(${dayExpression} AS date) + ${days}, 'YYYY-MM-DD')` : `date(${dayExpression}, '+${days} day')`;
    const ms = (start: string, end: string) =>
      postgres
        ? `ROUND((EXTRACT(EPOCH FROM (${end} - ${start})) * 1000.0))::bigint`
        : `CAST(ROUND(((unixepoch(${end}, 'subsec') - unixepoch(${start}, 'subsec')) * 1000.0)) AS INTEGER)`;

    await queryRunner.addColumn('users', new TableColumn({ name: 'retained_days', type: 'integer', default: 0 }));
    for (let n = 1; n <= 14; n++) {
      await queryRunner.query(
        `UPDATE users SET retained_days = retained_days | ${2 ** n}
          WHERE cohort_day IS NOT NULL
            AND EXISTS (SELECT 1 FROM activity_days a WHERE a.user_id = users.id AND a.day = ${addDays('users.cohort_day', n)})`,
      );
    }

    await queryRunner.createIndex('inference_jobs', new TableIndex({ name: 'idx_jobs_status_finished', columnNames: ['status', 'finished_at'] }));
    const latency = `COALESCE(latency_ms, ${ms('created_at', 'finished_at')})`;
    await queryRunner.query(`DELETE FROM daily_job_latencies`);
    await queryRunner.query(
      `INSERT INTO daily_job_latencies (day, latency_ms, n)
         SELECT ${day('finished_at')}, ${latency}, COUNT(*) FROM inference_jobs
          WHERE status = 'DONE' AND finished_at IS NOT NULL
          GROUP BY ${day('finished_at')}, ${latency}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.options.type === 'postgres';
    const day = (column: string) => (postgres ? `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')` : `substr(${column}, 1, 10)`);
    await queryRunner.query(`DELETE FROM daily_job_latencies`);
    await queryRunner.query(
      `INSERT INTO daily_job_latencies (day, latency_ms, n)
         SELECT ${day('created_at')}, latency_ms, COUNT(*) FROM inference_jobs
          WHERE status = 'DONE' AND latency_ms IS NOT NULL
          GROUP BY ${day('created_at')}, latency_ms`,
    );
    await queryRunner.dropIndex('inference_jobs', 'idx_jobs_status_finished');
    await queryRunner.dropColumn('users', 'retained_days');
  }
}
