import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { Mood } from '@moodlobby/shared';
import { DatabaseService } from '../database/database.service';
import { rowDate, sqlDate } from '../database/sql-dates';
import { MessageEntity } from '../chat/message.entity';
import { jobDone, moodInferred } from '../stats/stats.writer';
import { InferenceJob, JobStatus } from './inference-job.entity';

/** A claimed job with what the sidecar needs. */
export interface ClaimedJob {
  id: string;
  messageId: string;
  /** Attempts including this one. */
  attempts: number;
  createdAt: Date;
  text: string;
}

export interface JobOutcome {
  /** False when the job was no longer ours (reclaimed by another worker): nothing was written. */
  applied: boolean;
  status: JobStatus;
}

/**
 * The job table's state machine: PENDING → PROCESSING (claimed; the attempt is counted) →
 * DONE, back to PENDING with a delay, or FAILED after the last attempt. Every transition that
 * ends a claim checks the claim is still ours.
 */
@Injectable()
export class InferenceJobsService {
  constructor(private readonly db: DatabaseService) {}

  /**
   * Atomically claims up to `limit` due jobs: PENDING ones whose time has come, and PROCESSING
   * ones whose lock is older than `staleBefore` (their process died). One statement: SQLite runs
   * it under its write lock; PostgreSQL skips rows other claimers hold (`FOR UPDATE SKIP LOCKED`).
   */
  async claim(workerId: string, limit: number, now: Date, staleBefore: Date): Promise<ClaimedJob[]> {
    const sqlite = this.db.isSqlite;
    const p = sqlite ? () => '?' : placeholders();
    const [pLockedAt, pLockedBy, pNow, pStale, pLimit] = [p(), p(), p(), p(), p()];
    const lock = sqlite ? '' : 'FOR UPDATE SKIP LOCKED';
    const sql = `
      UPDATE inference_jobs
         SET status = 'PROCESSING', locked_at = ${pLockedAt}, locked_by = ${pLockedBy}, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM inference_jobs
          WHERE (status = 'PENDING' AND run_at <= ${pNow}) OR (status = 'PROCESSING' AND locked_at < ${pStale})
          ORDER BY run_at
          LIMIT ${pLimit} ${lock})
      RETURNING id, message_id, attempts, created_at`;
    const params = [sqlDate(now, sqlite), workerId, sqlDate(now, sqlite), sqlDate(staleBefore, sqlite), limit];
    const rows = await this.db.transaction((manager) => manager.query(sql, params));
    const claimed = normalizeRows(rows) as { id: string; message_id: string; attempts: number; created_at: Date | string }[];
    if (claimed.length === 0) return [];
    const texts = await this.textsOf(claimed.map((row) => row.message_id));
    return claimed.map((row) => ({
      id: row.id,
      messageId: row.message_id,
      attempts: Number(row.attempts),
      createdAt: rowDate(row.created_at),
      text: texts.get(row.message_id) ?? '',
    }));
  }

  /** Stores the mood on the message and marks the job DONE with its latency. */
  async complete(job: ClaimedJob, workerId: string, mood: Mood, confidence: number, now: Date): Promise<JobOutcome> {
    return this.db.transaction(async (manager) => {
      const result = await manager.update(
        InferenceJob,
        { id: job.id, status: JobStatus.Processing, lockedBy: workerId },
        { status: JobStatus.Done, finishedAt: now, latencyMs: now.getTime() - job.createdAt.getTime(), lockedAt: null, lockedBy: null, lastError: null },
      );
      if (!result.affected) return { applied: false, status: JobStatus.Done };
      await manager.update(MessageEntity, { id: job.messageId }, { mood, confidence, moodStatus: 'done' });
      // The job was created with its message, so they share a day.
      await moodInferred(manager, job.createdAt, mood);
      await jobDone(manager, job.createdAt, now.getTime() - job.createdAt.getTime());
      return { applied: true, status: JobStatus.Done };
    });
  }

  /** Records a failed attempt: back to PENDING at `retryAt`, or FAILED (and the message too) after the last. */
  async fail(job: ClaimedJob, workerId: string, error: string, now: Date, retryAt: Date | null): Promise<JobOutcome> {
    const status = retryAt ? JobStatus.Pending : JobStatus.Failed;
    return this.db.transaction(async (manager) => {
      const result = await manager.update(
        InferenceJob,
        { id: job.id, status: JobStatus.Processing, lockedBy: workerId },
        {
          status,
          lastError: error.slice(0, 1000),
          runAt: retryAt ?? now,
          finishedAt: retryAt ? null : now,
          lockedAt: null,
          lockedBy: null,
        },
      );
      if (!result.affected) return { applied: false, status };
      if (!retryAt) await manager.update(MessageEntity, { id: job.messageId }, { moodStatus: 'failed' });
      return { applied: true, status };
    });
  }

  /** Gives back jobs this worker holds (shutdown): PENDING again, the interrupted attempt not counted. */
  async release(workerId: string, jobIds: string[]): Promise<number> {
    if (jobIds.length === 0) return 0;
    return this.db.transaction(async (manager) => {
      let released = 0;
      for (const id of jobIds) {
        const result = await manager
          .createQueryBuilder()
          .update(InferenceJob)
          .set({ status: JobStatus.Pending, lockedAt: null, lockedBy: null, attempts: () => 'attempts - 1' })
          .where('id = :id AND status = :status AND locked_by = :workerId', { id, status: JobStatus.Processing, workerId })
          .execute();
        released += result.affected ?? 0;
      }
      return released;
    });
  }

  private async textsOf(messageIds: string[]): Promise<Map<string, string>> {
    const messages = await this.db.dataSource.getRepository(MessageEntity).find({
      select: { id: true, text: true },
      where: { id: In(messageIds) },
    });
    return new Map(messages.map((message) => [message.id, message.text]));
  }
}

/** PostgreSQL's numbered placeholders, in order of use. */
function placeholders(): () => string {
  let n = 0;
  return () => `$${++n}`;
}

/** `UPDATE … RETURNING` comes back as rows on SQLite and as `[rows, count]` on PostgreSQL. */
function normalizeRows(result: unknown): unknown[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0];
  }
  return Array.isArray(result) ? result : [];
}
