import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import type { AppConfig } from '../platform/config/env.validation';

/** The cookie that keeps an admin signed in for the browser session (POST /admin/session). */
export const ADMIN_SESSION_COOKIE = 'moodlobby_admin';
/** How long an admin session cookie is honoured after sign-in, even if the browser keeps it. */
export const ADMIN_SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;

/**
 * The admin token: ADMIN_TOKEN, or a random one made at start and logged once. Kept only as a
 * digest, and compared in constant time (both sides hashed to equal length first). It also signs
 * the admin session cookie (`<issued ms>.<HMAC of it keyed by the token's digest>`), so a
 * session ends when the token changes and the cookie never carries the token itself.
 */
@Injectable()
export class AdminTokenService {
  private readonly logger = new Logger(AdminTokenService.name);
  private readonly expected: Buffer;

  constructor(config: ConfigService<AppConfig, true>) {
    let token = config.get('ADMIN_TOKEN', { infer: true });
    if (!token) {
      token = randomBytes(24).toString('base64url');
      this.logger.warn(`ADMIN_TOKEN is not set; this run's admin token is ${token}`);
    }
    this.expected = digest(token);
  }

  matches(candidate: string): boolean {
    return timingSafeEqual(digest(candidate), this.expected);
  }

  /** A session cookie value issued at `now`. */
  issueSession(now = Date.now()): string {
    return `${now}.${this.sign(String(now))}`;
  }

  /** Whether `value` is a session this token issued less than ADMIN_SESSION_MAX_AGE_MS ago. */
  verifiesSession(value: string, now = Date.now()): boolean {
    const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(value);
    if (!match) return false;
    const issued = Number(match[1]);
    if (!(issued <= now && now - issued < ADMIN_SESSION_MAX_AGE_MS)) return false;
    return timingSafeEqual(Buffer.from(match[2]), Buffer.from(this.sign(match[1])));
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.expected).update(`moodlobby-admin-session:${payload}`).digest('base64url');
  }
}

/**
 * Auth for every admin route: the bearer token, or the session cookie a browser got from
 * POST /admin/session; 401 with a clear body otherwise. The token is never echoed.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(private readonly tokens: AdminTokenService) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match && this.tokens.matches(match[1])) return true;
    const session = readCookie(request.headers.cookie, ADMIN_SESSION_COOKIE);
    if (!match && session !== null && this.tokens.verifiesSession(session)) return true;
    throw new UnauthorizedException({
      statusCode: 401,
      error: 'unauthorized',
      message: match ? 'The admin token is not valid' : 'Send the admin token as "Authorization: Bearer <token>"',
    });
  }
}

/** One cookie's value from a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
