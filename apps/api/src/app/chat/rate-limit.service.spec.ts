import { ConfigService } from '@nestjs/config';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { RENAME_RATE_LIMIT_MAX, RENAME_RATE_LIMIT_WINDOW_MS } from '@moodlobby/shared';
import { RateLimitedException } from '../platform/realtime/ws-exceptions';
import { RateLimitService } from './rate-limit.service';

describe('RateLimitService', () => {
  let storage: ThrottlerStorageService;
  let service: RateLimitService;

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    storage = new ThrottlerStorageService();
    service = new RateLimitService(storage, new ConfigService({ RATE_LIMIT_MAX: 5, RATE_LIMIT_WINDOW_MS: 5000 }) as ConfigService<never, true>);
  });
  afterEach(() => {
    storage.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('allows RATE_LIMIT_MAX sends per window per user, then refuses with the wait', async () => {
    for (let i = 0; i < 5; i++) await expect(service.consume('u1')).resolves.toBeUndefined();
    const refusal = await service.consume('u1').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RateLimitedException);
    expect((refusal as RateLimitedException).retryAfterMs).toBe(5000);
    // Another user has their own budget.
    await expect(service.consume('u2')).resolves.toBeUndefined();
  });

  it('slides: a send frees up when it is older than the window, refusals cost nothing', async () => {
    await service.consume('u1');
    jest.advanceTimersByTime(2000);
    for (let i = 0; i < 4; i++) await service.consume('u1');
    await expect(service.consume('u1')).rejects.toBeInstanceOf(RateLimitedException);
    await expect(service.consume('u1')).rejects.toBeInstanceOf(RateLimitedException);

    jest.advanceTimersByTime(3001); // the first send has left the window
    await expect(service.consume('u1')).resolves.toBeUndefined();
    await expect(service.consume('u1')).rejects.toBeInstanceOf(RateLimitedException);
  });

  it('keeps renames on a budget of their own: RENAME_RATE_LIMIT_MAX per window, sends untouched', async () => {
    for (let i = 0; i < RENAME_RATE_LIMIT_MAX; i++) await expect(service.consumeRename('u1')).resolves.toBeUndefined();
    const refusal = await service.consumeRename('u1').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RateLimitedException);
    expect((refusal as RateLimitedException).retryAfterMs).toBe(RENAME_RATE_LIMIT_WINDOW_MS);
    await expect(service.consume('u1')).resolves.toBeUndefined();

    jest.advanceTimersByTime(RENAME_RATE_LIMIT_WINDOW_MS + 1);
    await expect(service.consumeRename('u1')).resolves.toBeUndefined();
  });
});
