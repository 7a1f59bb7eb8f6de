import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerStorage } from '@nestjs/throttler';
import { RENAME_RATE_LIMIT_MAX, RENAME_RATE_LIMIT_WINDOW_MS } from '@moodlobby/shared';
import type { AppConfig } from '../platform/config/env.validation';
import { RateLimitedException } from '../platform/realtime/ws-exceptions';

/**
 * The per-user budgets: at most RATE_LIMIT_MAX sends in any RATE_LIMIT_WINDOW_MS, and at most
 * RENAME_RATE_LIMIT_MAX renames per RENAME_RATE_LIMIT_WINDOW_MS, counted per user (not per
 * socket) in @nestjs/throttler's storage — in memory for one process, in Redis when several
 * share the lobby. A refused attempt does not use budget.
 */
@Injectable()
export class RateLimitService {
  private readonly max: number;
  private readonly windowMs: number;

  constructor(
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
    config: ConfigService<AppConfig, true>,
  ) {
    this.max = config.getOrThrow('RATE_LIMIT_MAX');
    this.windowMs = config.getOrThrow('RATE_LIMIT_WINDOW_MS');
  }

  get limits() {
    return { max: this.max, windowMs: this.windowMs };
  }

  /** Takes one send from the user's budget, or throws RateLimitedException with the wait. */
  consume(userId: string): Promise<void> {
    return this.take('message', userId, this.max, this.windowMs);
  }

  /** Takes one rename from the user's budget, or throws RateLimitedException with the wait. */
  consumeRename(userId: string): Promise<void> {
    return this.take('rename', userId, RENAME_RATE_LIMIT_MAX, RENAME_RATE_LIMIT_WINDOW_MS);
  }

  private async take(budget: string, userId: string, max: number, windowMs: number): Promise<void> {
    const record = await this.storage.increment(`${budget}:${userId}`, windowMs, max, 0, budget);
    if (record.isBlocked) {
      throw new RateLimitedException(Math.max(1, record.timeToBlockExpire) * 1000);
    }
  }
}
