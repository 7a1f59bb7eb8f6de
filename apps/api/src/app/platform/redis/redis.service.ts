import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import type { AppConfig } from '../config/env.validation';

/**
 * The Redis connection when REDIS_URL is set (several API processes sharing one lobby), or
 * nothing: a single process keeps presence and rate limits in memory and needs no Redis.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisService.name);
  private readonly url: string | undefined;
  private readonly clients: Redis[] = [];
  /** Commands; null without REDIS_URL. */
  readonly client: Redis | null;

  constructor(config: ConfigService<AppConfig, true>) {
    this.url = config.get('REDIS_URL', { infer: true });
    this.client = this.url ? this.connect('commands') : null;
  }

  get enabled(): boolean {
    return this.client !== null;
  }

  /** A further connection (Socket.IO's adapter needs its own publisher and subscriber). */
  connect(name: string): Redis {
    if (!this.url) throw new Error('REDIS_URL is not set');
    const client = new Redis(this.url, { connectionName: `moodlobby-${name}`, maxRetriesPerRequest: 3, lazyConnect: false });
    client.on('error', (error) => this.logger.warn(`redis (${name}): ${error.message}`));
    this.clients.push(client);
    return client;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.clients.map((client) => client.quit()));
  }
}
