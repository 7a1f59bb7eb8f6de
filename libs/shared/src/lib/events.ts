/** Events the client emits. */
export const ClientEvent = {
  SessionStart: 'session:start',
  MessageSend: 'message:send',
  /** Changes the nickname of the started session (an addition to SPEC section 5). */
  SessionRename: 'session:rename',
  /** A page of older messages, before a cursor (an addition to SPEC section 5). */
  HistoryBefore: 'history:before',
} as const;
export type ClientEventName = (typeof ClientEvent)[keyof typeof ClientEvent];

/** Events the server emits. */
export const ServerEvent = {
  SessionAck: 'session:ack',
  PresenceUpdate: 'presence:update',
  MessageNew: 'message:new',
  MoodUpdated: 'message:mood_updated',
  InvalidPayload: 'error:invalid_payload',
  RateLimited: 'error:rate_limited',
  SessionRequired: 'error:session_required',
  /** The server is going away (deploy, restart); the client should reconnect shortly. */
  ShuttingDown: 'server:shutdown',
} as const;
export type ServerEventName = (typeof ServerEvent)[keyof typeof ServerEvent];
