import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { JobStatus as JobStatusName } from '@moodlobby/shared';

/**
 * A job's states by name: the shared library's JOB_STATUSES, which the readout reports by status,
 * and SKIPPED, the overload state (the message grew older than INFERENCE_MAX_BACKLOG_AGE_MS
 * before it was inferred), which the readout reports as its own count.
 */
export const JobStatus = {
  Pending: 'PENDING',
  Processing: 'PROCESSING',
  Done: 'DONE',
  Failed: 'FAILED',
  Skipped: 'SKIPPED',
} as const satisfies Record<string, JobStatusName | 'SKIPPED'>;
export type JobStatus = JobStatusName | 'SKIPPED';

/** The mood-inference work for one message; created with it, in the same transaction. */
@Entity({ name: 'inference_jobs' })
@Index('idx_jobs_claim', ['status', 'runAt'])
// Each status index carries the other time too: the readout's job counts read the index alone.
@Index('idx_jobs_status_created', ['status', 'createdAt', 'finishedAt'])
@Index('idx_jobs_status_finished', ['status', 'finishedAt', 'createdAt'])
export class InferenceJob {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('uq_jobs_message', { unique: true })
  @Column({ name: 'message_id', type: 'varchar', length: 36 })
  messageId!: string;

  @Column({ type: 'varchar', length: 16, default: JobStatus.Pending })
  status!: JobStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** Earliest time of the next attempt. */
  @Column({ name: 'run_at', type: Date })
  runAt!: Date;

  @Column({ name: 'locked_at', type: Date, nullable: true })
  lockedAt!: Date | null;

  @Column({ name: 'locked_by', type: 'varchar', length: 64, nullable: true })
  lockedBy!: string | null;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: Date, nullable: true })
  finishedAt!: Date | null;

  /** Milliseconds from creation to DONE. */
  @Column({ name: 'latency_ms', type: 'integer', nullable: true })
  latencyMs!: number | null;
}
