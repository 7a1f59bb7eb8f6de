import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { messageSeed, MoodUpdatedPayload, ServerEvent } from '@moodlobby/shared';
import type { AppConfig } from '../platform/config/env.validation';
import { Emission, RealtimeService } from '../platform/realtime/realtime.service';
import { ClaimedJob, InferenceJobsService, JobOutcome } from './inference-jobs.service';
import { JobStatus } from './inference-job.entity';
import { InferenceQueue } from './inference.queue';
import { SidecarClient, SidecarError } from './sidecar.client';

const POLL_INTERVAL = 'inference-poll';
/** Jobs skipped per statement of a sweep; a sweep repeats while it finds this many. */
const SKIP_BATCH = 1000;
/** How far back the arrival rate looks (the time constant of its exponential decay), ms. */
const RATE_HORIZON_MS = 1000;
/**
 * Jobs a window must expect (at the recent rate) before claims wait for it: with fewer, a call
 * would carry about one text anyway, and its mood would only have waited.
 */
const BATCHING_FROM_JOBS_PER_WINDOW = 2;

/** The overload state `GET /health/ready` reports under `inference`. */
export interface BacklogHealth {
  /** True while the backlog's head is older than the bound or a job was skipped within the bound. */
  degraded: boolean;
  maxBacklogAgeMs: number;
  /** Age of the oldest PENDING job, ms (0 with none). */
  oldestPendingMs: number;
  /** Jobs this process skipped within the last INFERENCE_MAX_BACKLOG_AGE_MS. */
  skippedRecently: number;
}

/**
 * The mood worker. Claims due jobs (on a schedule, and at once when a message is stored), asks
 * the sidecar in batches with up to INFERENCE_CONCURRENCY calls in flight, stores the result and
 * tells every client. Failed calls go back to PENDING with a doubling delay, FAILED after the
 * last attempt. On shutdown it stops claiming, waits briefly, and releases what it still holds.
 *
 * Overload: a job whose message is older than INFERENCE_MAX_BACKLOG_AGE_MS is never claimed; each
 * poll marks such jobs SKIPPED and tells clients their message is `failed` (neutral). While the
 * last claim found a full batch (the worker is behind), it claims the newest jobs first, so fresh
 * messages get their mood within the bound and the backlog ages out instead of delaying everyone.
 */
@Injectable()
export class InferenceWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger(InferenceWorker.name);
  readonly workerId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private readonly held = new Set<string>();
  private readonly calls = new Set<Promise<void>>();
  private stopping = false;
  private claiming = false;
  private again = false;
  /** The last claim filled a whole batch: more is due than the worker keeps up with. */
  private behind = false;
  /** The last round ended with every lane busy, not with a short batch: jobs may be waiting for a lane. */
  private starved = false;
  /**
   * Look for claims a dead process left behind: at start and on every poll (the lock timeout
   * is far longer than the poll), not on every doorbell, where the statement would find nothing.
   */
  private reclaimStale = true;
  private sweeping: Promise<number> | null = null;
  /** When this process skipped jobs lately (ms epoch), one entry per sweep that skipped any. */
  private readonly skips: { at: number; n: number }[] = [];
  private unsubscribe: () => void = () => undefined;
  /** A doorbell claim is scheduled (for the end of this burst of microtasks, or the window's end). */
  private rung = false;
  /** When the last doorbell claim started (ms epoch). */
  private lastRungAt = 0;
  /** New jobs per ms, decayed over RATE_HORIZON_MS, and when it was last updated (ms epoch). */
  private arrivalRate = 0;
  private arrivalRateAt = 0;

  private readonly pollMs: number;
  private readonly lanes: number;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private readonly lockTimeoutMs: number;
  private readonly maxBacklogAgeMs: number;
  private readonly batchWindowMs: number;

  constructor(
    private readonly jobs: InferenceJobsService,
    private readonly sidecar: SidecarClient,
    private readonly realtime: RealtimeService,
    private readonly queue: InferenceQueue,
    private readonly scheduler: SchedulerRegistry,
    config: ConfigService<AppConfig, true>,
  ) {
    this.pollMs = config.getOrThrow('INFERENCE_POLL_MS');
    this.lanes = config.getOrThrow('INFERENCE_CONCURRENCY');
    this.batchSize = config.getOrThrow('INFERENCE_BATCH_SIZE');
    this.maxAttempts = config.getOrThrow('INFERENCE_MAX_ATTEMPTS');
    this.retryBaseMs = config.getOrThrow('INFERENCE_RETRY_BASE_MS');
    this.lockTimeoutMs = config.getOrThrow('INFERENCE_LOCK_TIMEOUT_MS');
    this.maxBacklogAgeMs = config.getOrThrow('INFERENCE_MAX_BACKLOG_AGE_MS');
    this.batchWindowMs = config.getOrThrow('INFERENCE_BATCH_WINDOW_MS');
  }

  onApplicationBootstrap(): void {
    this.scheduler.addInterval(
      POLL_INTERVAL,
      setInterval(() => {
        this.reclaimStale = true;
        void this.skipExpired();
        void this.claimAndRun();
      }, this.pollMs),
    );
    this.unsubscribe = this.queue.subscribe((jobs) => this.ring(jobs));
    void this.claimAndRun();
  }

  /**
   * The doorbell, rung once per committed group with its number of jobs. The claim runs a
   * microtask later, so whatever else rang meanwhile goes in the same batch.
   *
   * Adaptive batching: while more than two jobs arrive per INFERENCE_BATCH_WINDOW_MS (at
   * their rate over about the last second), doorbell claims are at least a window apart: a
   * message stored sooner after the last claim waits for the window's end and shares the next
   * sidecar call, the next commit and the next write to each client with whatever else came
   * in it. Below that rate nothing waits, so a quiet lobby's moods are as fast as without it;
   * above it, a call carries several texts instead of one.
   */
  private ring(jobs: number): void {
    const now = Date.now();
    this.arrivalRate = this.arrivalRate * Math.exp(-(now - this.arrivalRateAt) / RATE_HORIZON_MS) + jobs / RATE_HORIZON_MS;
    this.arrivalRateAt = now;
    if (this.rung) return;
    this.rung = true;
    const claim = () => {
      this.rung = false;
      this.lastRungAt = Date.now();
      void this.claimAndRun();
    };
    const wait = this.busy(now) ? this.lastRungAt + this.batchWindowMs - now : 0;
    if (wait > 0) setTimeout(claim, wait);
    else queueMicrotask(claim);
  }

  /** Whether more than two jobs arrive per window (at their rate decayed to `now`). */
  private busy(now: number): boolean {
    const rate = this.arrivalRate * Math.exp(-(now - this.arrivalRateAt) / RATE_HORIZON_MS);
    return rate * this.batchWindowMs > BATCHING_FROM_JOBS_PER_WINDOW;
  }

  /**
   * Fills free lanes with claimed batches. Re-entrant calls fold into one more round, so a
   * burst of notifications costs one claim query, not one each.
   */
  async claimAndRun(): Promise<void> {
    if (this.stopping) return;
    if (this.claiming) {
      this.again = true;
      return;
    }
    this.claiming = true;
    try {
      do {
        this.again = false;
        let short = false;
        while (!this.stopping && this.calls.size < this.lanes) {
          const now = new Date();
          const staleBefore = this.reclaimStale ? new Date(now.getTime() - this.lockTimeoutMs) : null;
          this.reclaimStale = false;
          const times = { staleBefore, expiredBefore: new Date(now.getTime() - this.maxBacklogAgeMs) };
          const batch = await this.jobs.claim(this.workerId, this.batchSize, now, times, this.behind);
          this.behind = batch.length === this.batchSize;
          if (batch.length > 0) this.run(batch);
          // A short batch means nothing more is due now; the next notification or poll comes back.
          if (batch.length < this.batchSize) {
            short = true;
            break;
          }
        }
        this.starved = !short;
      } while (this.again && !this.stopping);
    } catch (error) {
      this.logger.error(`claiming jobs failed: ${String(error)}`);
    } finally {
      this.claiming = false;
    }
  }

  /**
   * The overload bound, run on every poll: jobs whose message is older than the bound become
   * SKIPPED, their messages `failed`, and every client is told (`message:mood_updated`, neutral).
   */
  skipExpired(): Promise<number> {
    if (this.stopping) return Promise.resolve(0);
    this.sweeping ??= this.sweep().finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async sweep(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const now = new Date();
        const skipped = await this.jobs.skipExpired(now, new Date(now.getTime() - this.maxBacklogAgeMs), SKIP_BATCH);
        this.realtime.toAllTogether(
          skipped.map((job) => [ServerEvent.MoodUpdated, { messageId: job.messageId, mood: 'neutral', confidence: null, status: 'failed' }]),
        );
        total += skipped.length;
        if (skipped.length < SKIP_BATCH || this.stopping) break;
      }
      if (total > 0) {
        this.skips.push({ at: Date.now(), n: total });
        this.logger.warn({ skipped: total, maxBacklogAgeMs: this.maxBacklogAgeMs }, 'inference is behind: skipped jobs older than the backlog bound');
      }
    } catch (error) {
      this.logger.error(`skipping expired jobs failed: ${String(error)}`);
    }
    return total;
  }

  /** Whether inference keeps within the bound: the backlog's head, and what was skipped lately. */
  async backlogHealth(): Promise<BacklogHealth> {
    const now = Date.now();
    while (this.skips.length > 0 && this.skips[0].at < now - this.maxBacklogAgeMs) this.skips.shift();
    const skippedRecently = this.skips.reduce((sum, skip) => sum + skip.n, 0);
    const oldest = await this.jobs.oldestPendingAt();
    const oldestPendingMs = oldest ? Math.max(0, now - oldest.getTime()) : 0;
    return { degraded: oldestPendingMs > this.maxBacklogAgeMs || skippedRecently > 0, maxBacklogAgeMs: this.maxBacklogAgeMs, oldestPendingMs, skippedRecently };
  }

  /** Jobs this worker holds right now. */
  get inFlight(): number {
    return this.held.size;
  }

  /** Shutdown: no more claims; calls in flight get `graceMs` to finish, the rest go back to PENDING. */
  async stop(graceMs = 1500): Promise<void> {
    this.stopping = true;
    this.unsubscribe();
    if (this.scheduler.doesExist('interval', POLL_INTERVAL)) this.scheduler.deleteInterval(POLL_INTERVAL);
    await Promise.race([Promise.allSettled([...this.calls, this.sweeping]), delay(graceMs)]);
    const released = await this.jobs.release(this.workerId, [...this.held]);
    if (released > 0) this.logger.log(`released ${released} job(s) in flight to PENDING`);
  }

  private run(batch: ClaimedJob[]): void {
    for (const job of batch) this.held.add(job.id);
    const call = this.process(batch).finally(() => {
      for (const job of batch) this.held.delete(job.id);
      this.calls.delete(call);
      // A lane is free: claim again only if jobs may have been left waiting for one (a short
      // batch said nothing more was due; anything since rang the doorbell or waits for the poll).
      if (this.starved) void this.claimAndRun();
    });
    this.calls.add(call);
  }

  private async process(batch: ClaimedJob[]): Promise<void> {
    const requests = batch.map((job) => ({ text: job.text, messageId: job.messageId, seed: messageSeed(job.messageId) }));
    try {
      const results = requests.length === 1 ? [await this.sidecar.infer(requests[0])] : await this.sidecar.inferBatch(requests);
      const outcomes = await this.jobs.complete(
        batch.map((job, i) => ({ job, mood: results[i].mood, confidence: results[i].confidence })),
        this.workerId,
        new Date(),
      );
      const moods = batch.flatMap((job, i): Emission[] => {
        const { mood, confidence } = results[i];
        return this.announced(job, outcomes[i], { messageId: job.messageId, mood, confidence, status: 'done' });
      });
      // One write per client for the whole batch's moods. While the window applies, the next
      // message:new is due within milliseconds: the moods go in the pause after its broadcast.
      if (this.busy(Date.now())) this.realtime.toAllSoon(moods, this.batchWindowMs);
      else this.realtime.toAllTogether(moods);
    } catch (error) {
      const reason = error instanceof SidecarError ? error.message : `unexpected: ${String(error)}`;
      await Promise.all(batch.map((job) => this.recordFailure(job, reason)));
    }
  }

  private async recordFailure(job: ClaimedJob, reason: string): Promise<void> {
    const now = new Date();
    const last = job.attempts >= this.maxAttempts;
    const retryAt = last ? null : new Date(now.getTime() + this.retryDelayMs(job.attempts));
    try {
      const outcome = await this.jobs.fail(job, this.workerId, reason, now, retryAt);
      if (last) this.realtime.toAllTogether(this.announced(job, outcome, { messageId: job.messageId, mood: 'neutral', confidence: null, status: 'failed' }));
      this.logger.warn({ jobId: job.id, messageId: job.messageId, attempt: job.attempts, maxAttempts: this.maxAttempts }, `inference attempt failed: ${reason}`);
    } catch (error) {
      this.logger.error({ jobId: job.id, err: error }, 'recording the failed attempt failed');
    }
  }

  /** Delay before the next attempt: the base, doubled for each attempt already made. */
  retryDelayMs(attemptsMade: number): number {
    return this.retryBaseMs * 2 ** Math.max(0, attemptsMade - 1);
  }

  /** What clients are told of a job's outcome: its mood once final, nothing when the job was no longer ours. */
  private announced(job: ClaimedJob, outcome: JobOutcome, payload: MoodUpdatedPayload): Emission[] {
    if (!outcome.applied) {
      this.logger.warn({ jobId: job.id }, 'job was reclaimed by another worker; result dropped');
      return [];
    }
    return outcome.status === JobStatus.Done || outcome.status === JobStatus.Failed ? [[ServerEvent.MoodUpdated, payload]] : [];
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
