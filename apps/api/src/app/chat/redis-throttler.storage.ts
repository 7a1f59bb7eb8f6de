import { randomBytes } from 'node:crypto';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';

/**
 * A sliding-window log in a sorted set, scored by each hit's expiry (Redis clock, so processes
 * agree). A refused request adds nothing, as in @nestjs/throttler's own storage without a block
 * duration. Returns { hits, blocked, ms until the oldest hit expires }.
 */
const HIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local hits = redis.call('ZCARD', KEYS[1])
if hits >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {hits + 1, 1, tonumber(oldest[2]) - now}
end
redis.call('ZADD', KEYS[1], now + ttl, ARGV[3])
redis.call('PEXPIRE', KEYS[1], ttl)
return {hits + 1, 0, 0}`;

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** @nestjs/throttler's storage in Redis, so one user's budget holds across API processes. */
export class RedisThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly redis: Redis) {}

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const member = `${Date.now()}-${randomBytes(4).toString('hex')}`;
    const [totalHits, blocked, waitMs] = (await this.redis.eval(HIT, 1, `throttle:${throttlerName}:${key}`, ttl, limit, member)) as number[];
    return {
      totalHits,
      timeToExpire: Math.ceil(ttl / 1000),
      isBlocked: blocked === 1,
      timeToBlockExpire: Math.ceil(waitMs / 1000),
    };
  }
}
