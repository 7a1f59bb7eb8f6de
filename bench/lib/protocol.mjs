/**
 * The Socket.IO event names the benchmarks use, copied from libs/shared/src/lib/events.ts
 * (`ClientEvent`, `ServerEvent`). The shared library is TypeScript and the benchmarks are plain
 * Node ESM with no build step, so the few strings they use live here, once;
 * libs/shared/src/lib/bench-protocol.spec.ts fails when they drift from the shared ones.
 */
export const ClientEvent = Object.freeze({
  SessionStart: 'session:start',
  MessageSend: 'message:send',
});

export const ServerEvent = Object.freeze({
  SessionAck: 'session:ack',
  PresenceUpdate: 'presence:update',
  MessageNew: 'message:new',
  MoodUpdated: 'message:mood_updated',
  RateLimited: 'error:rate_limited',
});

/** Same as libs/shared/src/lib/limits.ts MAX_SOCKET_TRANSPORT_BYTES (the baseline server uses it too). */
export const MAX_SOCKET_TRANSPORT_BYTES = 1024 * 1024;
