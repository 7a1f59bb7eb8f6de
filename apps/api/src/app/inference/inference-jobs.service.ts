import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { Mood } from '@moodlobby/shared';
import { MessagesService } from '../chat/messages.service';
import { DatabaseService } from '../platform/database/database.service';
import { readTimestamp } from '../platform/database/sql';
import { StatsWriter } from '../stats/stats.writer';
import { InferenceJob, JobStatus } from './inference-job.entity';
import { claimDue, claimStale, insertJobs, markDone, skipExpired } from './inference.queries';

/** The statuses counted live (DONE is counted by the running totals). */
const COUNTED_LIVE = [JobStatus.Pending, JobStatus.Processing, JobStatus.Failed, JobStatus.Skipped];

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
  constructor(
    @InjectRepository(InferenceJob) private readonly jobs: Repository<InferenceJob>,
    private readonly db: DatabaseService,
    private readonly messages: MessagesService,
    private readonly stats: StatsWriter,
  ) {}

  /**
   * The messages' mood jobs, PENDING and due at once, stored in the caller's (the messages')
   * transaction in one INSERT; the other columns take their defaults (NULL, no attempt yet).
   */
  async enqueue(manager: EntityManager, messages: { id: string; createdAt: Date }[]): Promise<void> {
    await insertJobs(
      manager,
      messages.map((message) => ({ id: randomUUID(), messageId: message.id, createdAt: message.createdAt })),
    );
  }

  /**
   * Atomically claims up to `limit` jobs: PENDING ones whose time has come and whose message is
   * not older than `expiredBefore` (newest first when `newestFirst`), then, with room left and a
   * `staleBefore` given, PROCESSING ones whose lock is older than that (their process died).
   */
  async claim(
    workerId: string,
    limit: number,
    now: Date,
    times: { staleBefore: Date | null; expiredBefore: Date },
    newestFirst = false,
  ): Promise<ClaimedJob[]> {
    const { staleBefore, expiredBefore } = times;
    const claimed = await this.db.transaction(async (manager) => {
      const due = await claimDue(manager, workerId, now, limit, expiredBefore, newestFirst);
      if (due.length === limit || !staleBefore) return due;
      return [...due, ...(await claimStale(manager, workerId, now, staleBefore, limit - due.length))];
    });
    if (claimed.length === 0) return [];
    const texts = await this.messages.textsOf(claimed.map((row) => row.message_id));
    return claimed.map((row) => ({
      id: row.id,
      messageId: row.message_id,
      attempts: Number(row.attempts),
      createdAt: readTimestamp(this.jobs.manager, row.created_at),
      text: texts.get(row.message_id) ?? '',
    }));
  }

  /**
   * Stores each mood on its message and marks the jobs DONE with their latency, all in one
   * transaction of a few statements whatever the batch's size (a batch from the sidecar costs
   * one commit). A job no longer ours is skipped.
   */
  async complete(results: { job: ClaimedJob; mood: Mood; confidence: number }[], workerId: string, now: Date): Promise<JobOutcome[]> {
    const latencyOf = (job: ClaimedJob) => now.getTime() - job.createdAt.getTime();
    return this.db.transaction(async (manager) => {
      const ours = await markDone(
        manager,
        results.map(({ job }) => ({ jobId: job.id, latencyMs: latencyOf(job) })),
        workerId,
        now,
      );
      const done = results.filter(({ job }) => ours.has(job.id));
      await this.messages.setMoods(
        manager,
        done.map(({ job, mood, confidence }) => ({ messageId: job.messageId, mood, confidence })),
      );
      await this.stats.jobsDone(
        manager,
        now,
        done.map(({ job, mood }) => ({ messageCreatedAt: job.createdAt, mood, latencyMs: latencyOf(job) })),
      );
      return results.map(({ job }) => ({ applied: ours.has(job.id), status: JobStatus.Done }));
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
      if (!retryAt) await this.messages.markMoodFailed(manager, job.messageId);
      return { applied: true, status };
    });
  }

  /**
   * The overload bound: up to `limit` PENDING jobs whose message was created before
   * `expiredBefore` become SKIPPED, and their messages `failed` (still neutral, so the mood
   * totals do not move), in one transaction. Returns the skipped jobs, oldest first.
   */
  async skipExpired(now: Date, expiredBefore: Date, limit: number): Promise<{ id: string; messageId: string }[]> {
    return this.db.transaction(async (manager) => {
      const rows = await skipExpired(manager, now, expiredBefore, limit);
      await this.messages.markMoodsFailed(
        manager,
        rows.map((row) => row.message_id),
      );
      return rows.map((row) => ({ id: row.id, messageId: row.message_id }));
    });
  }

  /** When the oldest PENDING job was created (the head of the backlog), or null with none. */
  async oldestPendingAt(): Promise<Date | null> {
    const row = await this.jobs
      .createQueryBuilder('job')
      .select('MIN(job.createdAt)', 'oldest')
      .where('job.status = :status', { status: JobStatus.Pending })
      .getRawOne<{ oldest: unknown }>();
    return row?.oldest === null || row?.oldest === undefined ? null : readTimestamp(this.jobs.manager, row.oldest);
  }

  /**
   * Jobs created before `cutoff`, other than those DONE by then, by their status AT `cutoff`
   * (SPEC 10.1): PENDING, PROCESSING, FAILED and SKIPPED as they are, except that a job that
   * finished (DONE, FAILED or SKIPPED) at or after `cutoff` was still PENDING then. The DONE ones
   * are the stats module's (counted by the day they finished). Each count has an index that
   * holds every column it reads, (status, created_at, finished_at) and (status, finished_at,
   * created_at), so SQLite answers it from the index alone; nothing can have finished after a
   * cutoff still to come.
   */
  async countOpenAt(cutoff: Date): Promise<Record<Exclude<JobStatus, 'DONE'>, number>> {
    const rows = await this.jobs
      .createQueryBuilder('job')
      .select('job.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .addSelect('SUM(CASE WHEN job.finishedAt >= :cutoff THEN 1 ELSE 0 END)', 'late')
      .where('job.status IN (:...open)', { open: COUNTED_LIVE })
      .andWhere('job.createdAt < :cutoff', { cutoff })
      .groupBy('job.status')
      .getRawMany<{ status: JobStatus; n: number | string; late: number | string | null }>();
    const counts = { PENDING: 0, PROCESSING: 0, FAILED: 0, SKIPPED: 0 };
    for (const row of rows) {
      if (!(row.status in counts)) continue;
      const late = Number(row.late ?? 0);
      counts[row.status as keyof typeof counts] += Number(row.n) - late;
      counts.PENDING += late;
    }
    if (cutoff.getTime() <= Date.now()) {
      counts.PENDING += await this.jobs
        .createQueryBuilder('job')
        .where('job.status = :done AND job.finishedAt >= :cutoff AND job.createdAt < :cutoff', { done: JobStatus.Done, cutoff })
        .getCount();
    }
    return counts;
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
}
