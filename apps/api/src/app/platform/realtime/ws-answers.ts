import type { Socket } from 'socket.io';
import { AckError, ServerEvent } from '@moodlobby/shared';

/** The ack callback Socket.IO appends to an event's arguments when the client asked for one. */
export type AckCallback = (answer: AckError) => void;

/** The ack callback among an event's arguments, if the client sent one (it is always last). */
export function ackOf(args: readonly unknown[]): AckCallback | undefined {
  const last = args[args.length - 1];
  return typeof last === 'function' ? (last as AckCallback) : undefined;
}

/** Tells the sender its payload was refused: `error:invalid_payload`, and the `{ ok: false }` ack. */
export function answerInvalidPayload(socket: Socket, event: string, errors: string[], ack?: AckCallback): AckError {
  socket.emit(ServerEvent.InvalidPayload, { event, errors });
  const answer: AckError = { ok: false, error: 'invalid_payload', errors };
  ack?.(answer);
  return answer;
}
