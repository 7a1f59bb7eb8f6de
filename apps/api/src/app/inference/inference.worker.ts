import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { messageSeed, MoodUpdatedPayload, ServerEvent } from '@moodlobby/shared';
import type { AppConfig } from '../platform/config/env.validation';
import { RealtimeService } from '../platform/realtime/realtime.service';
import { ClaimedJob, InferenceJobsService, JobOutcome } from './inference-jobs.service';
import { JobStatus } from './inference-job.entity';
import { InferenceQueue } from './inference.queue';
import { SidecarClient, SidecarError } from './sidecar.client';

const POLL_INTERVAL = 'inference-poll';

/**
 * The mood worker. Claims due jobs (on a schedule, and at once when a message is stored), asks
 * the sidecar in batches with up to INFERENCE_CONCURRENCY calls in flight, stores the result and
 * tells every client. Failed calls go back to PENDING with a doubling delay, FAILED after the
 * last attempt. On shutdown it stops claiming, waits briefly, and releases what it still holds.
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
  private unsubscribe: () => void = () => undefined;

  private readonly pollMs: number;
  private readonly lanes: number;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private readonly lockTimeoutMs: number;

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
  }

  onApplicationBootstrap(): void {
    this.scheduler.addInterval(POLL_INTERVAL, setInterval(() => void this.claimAndRun(), this.pollMs));
    this.unsubscribe = this.queue.subscribe(() => void this.claimAndRun());
    void this.claimAndRun();
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
        while (!this.stopping && this.calls.size < this.lanes) {
          const now = new Date();
          const batch = await this.jobs.claim(this.workerId, this.batchSize, now, new Date(now.getTime() - this.lockTimeoutMs));
          if (batch.length > 0) this.run(batch);
          // A short batch means nothing more is due now; the next notification or poll comes back.
          if (batch.length < this.batchSize) break;
        }
      } while (this.again && !this.stopping);
    } catch (error) {
      this.logger.error(`claiming jobs failed: ${String(error)}`);
    } finally {
      this.claiming = false;
    }
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
    await Promise.race([Promise.allSettled([...this.calls]), delay(graceMs)]);
    const released = await this.jobs.release(this.workerId, [...this.held]);
    if (released > 0) this.logger.log(`released ${released} job(s) in flight to PENDING`);
  }

  private run(batch: ClaimedJob[]): void {
    for (const job of batch) this.held.add(job.id);
    const call = this.process(batch).finally(() => {
      for (const job of batch) this.held.delete(job.id);
      this.calls.delete(call);
      // A lane is free: there may be more waiting.
      void this.claimAndRun();
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
      batch.forEach((job, i) => {
        const { mood, confidence } = results[i];
        this.announce(job, outcomes[i], { messageId: job.messageId, mood, confidence, status: 'done' });
      });
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
      if (last) this.announce(job, outcome, { messageId: job.messageId, mood: 'neutral', confidence: null, status: 'failed' });
      this.logger.warn({ jobId: job.id, messageId: job.messageId, attempt: job.attempts, maxAttempts: this.maxAttempts }, `inference attempt failed: ${reason}`);
    } catch (error) {
      this.logger.error({ jobId: job.id, err: error }, 'recording the failed attempt failed');
    }
  }

  /** Delay before the next attempt: the base, doubled for each attempt already made. */
  retryDelayMs(attemptsMade: number): number {
    return this.retryBaseMs * 2 ** Math.max(0, attemptsMade - 1);
  }

  private announce(job: ClaimedJob, outcome: JobOutcome, payload: MoodUpdatedPayload): void {
    if (!outcome.applied) {
      this.logger.warn({ jobId: job.id }, 'job was reclaimed by another worker; result dropped');
      return;
    }
    if (outcome.status === JobStatus.Done || outcome.status === JobStatus.Failed) {
      this.realtime.toAll(ServerEvent.MoodUpdated, payload);
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
