import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SESSION_TOKEN_MAX_LENGTH } from '@moodlobby/shared';
import type { AppConfig } from '../platform/config/env.validation';
import { parseDatabaseUrl } from '../platform/config/database-url';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Server-issued identities. A token is `<userId>.<HMAC-SHA256(userId)>` (base64url) under
 * `SESSION_SECRET`; only the server can make one, and a changed byte makes it invalid.
 */
@Injectable()
export class IdentityService {
  private readonly logger = new Logger(IdentityService.name);
  private readonly secret: Buffer;

  constructor(config: ConfigService<AppConfig, true>) {
    const configured = config.get('SESSION_SECRET', { infer: true });
    this.secret = Buffer.from(configured ?? this.storedSecret(config.getOrThrow('DATABASE_URL')), 'utf8');
  }

  sign(userId: string): string {
    return `${userId}.${this.mac(userId)}`;
  }

  /** The user id a token was issued for, or null when it is not one of ours. */
  verify(token: string | undefined): string | null {
    if (!token || token.length > SESSION_TOKEN_MAX_LENGTH) return null;
    const dot = token.indexOf('.');
    const userId = token.slice(0, dot);
    if (dot < 0 || !UUID.test(userId)) return null;
    const given = Buffer.from(token.slice(dot + 1), 'utf8');
    const expected = Buffer.from(this.mac(userId), 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
  }

  private mac(userId: string): string {
    return createHmac('sha256', this.secret).update(userId).digest('base64url');
  }

  /** With no SESSION_SECRET, one is made once and kept beside the database so tokens survive restarts. */
  private storedSecret(databaseUrl: string): string {
    const target = parseDatabaseUrl(databaseUrl);
    const folder = target.kind === 'sqlite' ? dirname(target.path) : resolve('data');
    const file = join(folder, 'session-secret');
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    mkdirSync(folder, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    try {
      writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process wrote it first: use theirs.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
      throw error;
    }
    this.logger.warn(`SESSION_SECRET is not set; generated one and stored it in ${file}`);
    return secret;
  }
}
