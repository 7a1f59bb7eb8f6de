import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { Mood } from '@moodlobby/shared';
import { DatabaseService } from '../platform/database/database.service';
import { rowDate, sqlDate } from '../platform/database/sql-dates';
import { SqlParams } from '../platform/database/sql-dialect';
import { MessageEntity } from '../chat/message.entity';
import { StatsWriter } from '../stats/stats.writer';
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

interface ClaimedRow {
  id: string;
  message_id: string;
  attempts: number | string;
  created_at: Date | string;
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
  constructor(
    private readonly db: DatabaseService,
    private readonly stats: StatsWriter,
  ) {}

  /**
   * Atomically claims up to `limit` jobs: PENDING ones whose time has come (oldest first, read
   * straight off the (status, run_at) index), then, with room left, PROCESSING ones whose lock is
   * older than `staleBefore` (their process died). Each is one `UPDATE … RETURNING`: SQLite runs it
   * under its write lock; PostgreSQL skips rows other claimers hold (`FOR UPDATE SKIP LOCKED`).
   */
  async claim(workerId: string, limit: number, now: Date, staleBefore: Date): Promise<ClaimedJob[]> {
    const sqlite = this.db.isSqlite;
    const claimed = await this.db.transaction(async (manager) => {
      const claimWhere = async (condition: (p: SqlParams) => string, order: string, count: number) => {
        const p = new SqlParams(this.db.dialect);
        const lockedAt = p.add(sqlDate(now, sqlite));
        const lockedBy = p.add(workerId);
        const where = condition(p);
        const rows = await manager.query(
          `UPDATE inference_jobs
              SET status = 'PROCESSING', locked_at = ${lockedAt}, locked_by = ${lockedBy}, attempts = attempts + 1
            WHERE id IN (
              SELECT id FROM inference_jobs WHERE ${where} ORDER BY ${order} LIMIT ${p.add(count)} ${sqlite ? '' : 'FOR UPDATE SKIP LOCKED'})
           RETURNING id, message_id, attempts, created_at`,
          p.values,
        );
        return normalizeRows(rows) as ClaimedRow[];
      };
      const due = await claimWhere((p) => `status = 'PENDING' AND run_at <= ${p.add(sqlDate(now, sqlite))}`, 'run_at', limit);
      if (due.length === limit) return due;
      const stale = await claimWhere((p) => `status = 'PROCESSING' AND locked_at < ${p.add(sqlDate(staleBefore, sqlite))}`, 'locked_at', limit - due.length);
      return [...due, ...stale];
    });
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

  /**
   * Stores each mood on its message and marks the jobs DONE with their latency, all in one
   * transaction (a batch from the sidecar costs one commit). A job no longer ours is skipped.
   */
  async complete(results: { job: ClaimedJob; mood: Mood; confidence: number }[], workerId: string, now: Date): Promise<JobOutcome[]> {
    const sqlite = this.db.isSqlite;
    return this.db.transaction(async (manager) => {
      const outcomes: JobOutcome[] = [];
      for (const { job, mood, confidence } of results) {
        const latencyMs = now.getTime() - job.createdAt.getTime();
        const p = new SqlParams(this.db.dialect);
        const done = await manager.query(
          `UPDATE inference_jobs
              SET status = 'DONE', finished_at = ${p.add(sqlDate(now, sqlite))}, latency_ms = ${p.add(latencyMs)},
                  locked_at = NULL, locked_by = NULL, last_error = NULL
            WHERE id = ${p.add(job.id)} AND status = 'PROCESSING' AND locked_by = ${p.add(workerId)}
           RETURNING id`,
          p.values,
        );
        if (normalizeRows(done).length === 0) {
          outcomes.push({ applied: false, status: JobStatus.Done });
          continue;
        }
        const m = new SqlParams(this.db.dialect);
        await manager.query(
          `UPDATE messages SET mood = ${m.add(mood)}, confidence = ${m.add(confidence)}, mood_status = 'done' WHERE id = ${m.add(job.messageId)}`,
          m.values,
        );
        // The job was created with its message, so they share a day.
        await this.stats.moodInferred(manager, job.createdAt, mood);
        await this.stats.jobDone(manager, job.createdAt, latencyMs);
        outcomes.push({ applied: true, status: JobStatus.Done });
      }
      return outcomes;
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

/** `UPDATE … RETURNING` comes back as rows on SQLite and as `[rows, count]` on PostgreSQL. */
function normalizeRows(result: unknown): unknown[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0];
  }
  return Array.isArray(result) ? result : [];
}
