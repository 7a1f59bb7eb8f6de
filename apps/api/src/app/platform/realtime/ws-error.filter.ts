import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { AckError, ServerEvent } from '@moodlobby/shared';
import { AckCallback, answerInvalidPayload } from './ws-answers';
import { InvalidPayloadException, RateLimitedException, SessionRequiredException } from './ws-exceptions';

/**
 * The one place a socket handler's failure becomes an answer: the matching `error:*` event to
 * the sender, and `{ ok: false, … }` to the ack callback when there is one. Never rethrows.
 */
@Catch()
export class WsErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(WsErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const ws = host.switchToWs();
    const socket = ws.getClient<Socket>();
    const event = String(ws.getPattern());
    const ack = host.getArgs().find((arg, index) => index > 1 && typeof arg === 'function') as AckCallback | undefined;
    const answer = this.answer(exception, event, socket);
    ack?.(answer);
  }

  private answer(exception: unknown, event: string, socket: Socket): AckError {
    if (exception instanceof InvalidPayloadException) return answerInvalidPayload(socket, event, exception.errors);
    if (exception instanceof RateLimitedException) {
      socket.emit(ServerEvent.RateLimited, { event, retryAfterMs: exception.retryAfterMs });
      return { ok: false, error: 'rate_limited', retryAfterMs: exception.retryAfterMs };
    }
    if (exception instanceof SessionRequiredException) {
      socket.emit(ServerEvent.SessionRequired, { event });
      return { ok: false, error: 'session_required' };
    }
    const userId = (socket.data as { session?: { userId?: string } } | undefined)?.session?.userId;
    this.logger.error({ socketId: socket.id, userId, event, err: exception }, `${event} failed: ${describe(exception)}`);
    return { ok: false, error: 'internal' };
  }
}

function describe(exception: unknown): string {
  return exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
}
