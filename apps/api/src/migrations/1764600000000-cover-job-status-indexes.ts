import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Widens the two job-status indexes by each other's time, so the readout's job counts are read
 * from the index alone, without a look-up of every row they pass:
 * - `idx_jobs_status_created` (status, created_at) gains finished_at: the jobs open at a readout's
 *   cutoff, and which of them finished after it;
 * - `idx_jobs_status_finished` (status, finished_at) gains created_at: the DONE jobs that
 *   finished after a past readout's cutoff but were created before it.
 *
 * Both indexes were already rewritten whenever a job's status changes, so a job's writes touch no
 * more B-trees than before. Measured on SQLite with 1,000,000 jobs (docs/FINDINGS.md): the open
 * counts at today's cutoff 31 → 2 ms, the late DONE count at a cutoff a month back 108 → 53 ms.
 *
 * Frozen, like every migration: it imports nothing from the application.
 */
export class CoverJobStatusIndexes1764600000000 implements MigrationInterface {
  name = 'CoverJobStatusIndexes1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.replace(queryRunner, 'idx_jobs_status_created', ['status', 'created_at', 'finished_at']);
    await this.replace(queryRunner, 'idx_jobs_status_finished', ['status', 'finished_at', 'created_at']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.replace(queryRunner, 'idx_jobs_status_created', ['status', 'created_at']);
    await this.replace(queryRunner, 'idx_jobs_status_finished', ['status', 'finished_at']);
  }

  private async replace(queryRunner: QueryRunner, name: string, columnNames: string[]): Promise<void> {
    await queryRunner.dropIndex('inference_jobs', name);
    await queryRunner.createIndex('inference_jobs', new TableIndex({ name, columnNames }));
  }
}
