import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import type { AppConfig } from '../../config/env.validation';

/**
 * Bearer-token auth for every admin route. The token is ADMIN_TOKEN, or a random one made at
 * start and logged once. Compared in constant time (both sides hashed to equal length first);
 * never echoed back.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly logger = new Logger(AdminTokenGuard.name);
  private readonly expected: Buffer;

  constructor(config: ConfigService<AppConfig, true>) {
    let token = config.get('ADMIN_TOKEN', { infer: true });
    if (!token) {
      token = randomBytes(24).toString('base64url');
      this.logger.warn(`ADMIN_TOKEN is not set; this run's admin token is ${token}`);
    }
    this.expected = digest(token);
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match && timingSafeEqual(digest(match[1]), this.expected)) return true;
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
