import { ClientEvent, ServerEvent } from './events';
import type { Mood, MoodStatus } from './mood';
import type { Variant } from './variant';

/** A chat message as stored and as sent to clients. Timestamps are ISO-8601 UTC. */
export interface Message {
  id: string;
  userId: string;
  nickname: string;
  text: string;
  mood: Mood;
  moodStatus: MoodStatus;
  confidence: number | null;
  /** `id.slice(0, 8)`: picks the VN background. */
  seed: string;
  createdAt: string;
  clientMessageId?: string;
}

export interface PresenceUser {
  id: string;
  nickname: string;
}

export interface SessionUser {
  id: string;
  nickname: string;
  variant: Variant;
}

export interface RateLimit {
  max: number;
  windowMs: number;
}

export interface SessionLimits {
  messageMaxLength: number;
  rateLimit: RateLimit;
}

// ---- client → server payloads ----

export interface SessionStartPayload {
  nickname: string;
  token?: string;
}

export interface MessageSendPayload {
  text: string;
  clientMessageId?: string;
}

/**
 * `session:rename` (needs a started session): the user's nickname from now on, under the same
 * rules as `session:start`'s. Later messages carry it; messages already sent keep the nickname
 * they were sent under. Everyone gets a `presence:update`.
 */
export interface SessionRenamePayload {
  nickname: string;
}

/**
 * `history:before` (needs a started session): up to `limit` (1–MAX_HISTORY_PAGE_SIZE, default
 * DEFAULT_HISTORY_PAGE_SIZE) messages older than the message `beforeId`, by (createdAt, id): the
 * cursor is the oldest message the client holds, so pages never skip or repeat a message, however
 * many arrive meanwhile.
 */
export interface HistoryBeforePayload {
  beforeId: string;
  limit?: number;
}

// ---- server → client payloads ----

/** Client settings the server configures (an addition to SPEC section 5's ack). */
export interface UiSettings {
  /** The VN background changes at most once per this many ms. */
  vnBackgroundDebounceMs: number;
}

export interface SessionAckPayload {
  user: SessionUser;
  token: string;
  history: Message[];
  presence: PresenceUser[];
  limits: SessionLimits;
  ui: UiSettings;
  serverTime: string;
}

export interface PresenceUpdatePayload {
  users: PresenceUser[];
}

export interface MoodUpdatedPayload {
  messageId: string;
  mood: Mood;
  confidence: number | null;
  status: MoodStatus;
}

export interface InvalidPayloadError {
  event: string;
  errors: string[];
}

export interface RateLimitedError {
  event: string;
  retryAfterMs: number;
}

export interface SessionRequiredError {
  event: string;
}

export interface ShuttingDownNotice {
  /** How long the client should wait before reconnecting. */
  reconnectInMs: number;
}

/** What an event's ack callback receives: the result, or why there is none. */
export type ErrorCode = 'invalid_payload' | 'rate_limited' | 'session_required' | 'internal';

export interface AckError {
  ok: false;
  error: ErrorCode;
  errors?: string[];
  retryAfterMs?: number;
}

export type MessageSendAck = { ok: true; message: Message } | AckError;
export type SessionStartAck = ({ ok: true } & SessionAckPayload) | AckError;
/** The user as renamed. */
export type SessionRenameAck = { ok: true; user: SessionUser } | AckError;
/** Oldest first; `hasMore` is false once the page reaches the lobby's very first message. */
export type HistoryBeforeAck = { ok: true; messages: Message[]; hasMore: boolean } | AckError;

/** Typed Socket.IO event maps: `Socket<ServerToClientEvents, ClientToServerEvents>` on the client. */
export interface ClientToServerEvents {
  [ClientEvent.SessionStart]: (payload: SessionStartPayload, ack?: (result: SessionStartAck) => void) => void;
  [ClientEvent.MessageSend]: (payload: MessageSendPayload, ack?: (result: MessageSendAck) => void) => void;
  [ClientEvent.SessionRename]: (payload: SessionRenamePayload, ack?: (result: SessionRenameAck) => void) => void;
  [ClientEvent.HistoryBefore]: (payload: HistoryBeforePayload, ack?: (result: HistoryBeforeAck) => void) => void;
}

export interface ServerToClientEvents {
  [ServerEvent.SessionAck]: (payload: SessionAckPayload) => void;
  [ServerEvent.PresenceUpdate]: (payload: PresenceUpdatePayload) => void;
  [ServerEvent.MessageNew]: (payload: Message) => void;
  [ServerEvent.MoodUpdated]: (payload: MoodUpdatedPayload) => void;
  [ServerEvent.InvalidPayload]: (payload: InvalidPayloadError) => void;
  [ServerEvent.RateLimited]: (payload: RateLimitedError) => void;
  [ServerEvent.SessionRequired]: (payload: SessionRequiredError) => void;
  [ServerEvent.ShuttingDown]: (payload: ShuttingDownNotice) => void;
}

/** The seed of a message: the first eight characters of its id. */
export function messageSeed(messageId: string): string {
  return messageId.slice(0, 8);
}
