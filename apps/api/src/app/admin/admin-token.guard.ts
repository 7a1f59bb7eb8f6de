import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import type { AppConfig } from '../platform/config/env.validation';

/**
 * The admin token: ADMIN_TOKEN, or a random one made at start and logged once. Kept only as a
 * digest, and compared in constant time (both sides hashed to equal length first).
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
}

/** Bearer-token auth for every admin route; 401 with a clear body otherwise. The token is never echoed. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(private readonly tokens: AdminTokenService) {}

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match && this.tokens.matches(match[1])) return true;
    throw new UnauthorizedException({
      statusCode: 401,
      error: 'unauthorized',
      message: match ? 'The admin token is not valid' : 'Send the admin token as "Authorization: Bearer <token>"',
    });
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
