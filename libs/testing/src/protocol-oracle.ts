/**
 * What SPEC section 5 says the server must make of a client event, written from the spec's rules
 * (not from the server's code) so tests can check the server against an independent judge.
 *
 * Each function takes the event's arguments as the server receives them (the ack callback left
 * out) and says whether they are a valid payload, and if so what the server keeps of it.
 */

/** Limits of the protocol; the spec's defaults unless the server was configured otherwise. */
export interface ProtocolLimits {
  messageMaxLength: number;
  nicknameMinLength: number;
  nicknameMaxLength: number;
  /** The shared library's bound on a session token ("anything much longer is not ours"), in UTF-16 units. */
  tokenMaxLength: number;
}

export const SPEC_LIMITS: ProtocolLimits = {
  messageMaxLength: 500,
  nicknameMinLength: 1,
  nicknameMaxLength: 32,
  tokenMaxLength: 256,
};

export type Judgement<T> = { valid: true; value: T } | { valid: false; reason: string };

/** Characters as the protocol counts them: Unicode code points (an emoji is one, a lone surrogate is one). */
export function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * The text as storage keeps it: a lone surrogate (a UTF-16 half with no partner) cannot be
 * encoded in UTF-8, so it becomes U+FFFD. Every other code point is kept.
 */
export function wellFormed(text: string): string {
  // Node's UTF-8 encoder does exactly that (and is not the server's code path).
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** Message text as every supported database keeps it: well-formed, and NUL (which PostgreSQL text refuses) as U+FFFD. */
export function storableText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return wellFormed(text).replace(/\u0000/g, '\uFFFD');
}

/** The client-chosen idempotency key: 1 to 64 letters, digits, `-` or `_`. */
const CLIENT_MESSAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Unicode's control characters (general category Cc): C0, DEL and C1. */
const CONTROL = /\p{Cc}/u;

function isBinary(value: unknown): boolean {
  return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

/** Whether any value inside is binary (iterative: payloads may be nested thousands deep). */
function containsBinary(root: unknown): boolean {
  const stack = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (isBinary(value)) return true;
    if (value !== null && typeof value === 'object') stack.push(...Object.values(value));
  }
  return false;
}

/** A JSON object: not null, not an array, not binary, not a class instance. */
function isJsonObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || isBinary(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function onlyKeys(payload: Record<string, unknown>, allowed: string[]): string | null {
  const extra = Object.keys(payload).filter((key) => !allowed.includes(key));
  return extra.length > 0 ? `unknown field(s) ${extra.join(', ')}` : null;
}

const has = (payload: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(payload, key);

type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The event's one payload: a JSON object with no keys but `allowed`. */
function onePayload(args: unknown[], allowed: string[]): Checked<Record<string, unknown>> {
  if (args.length !== 1) return { ok: false, reason: `${args.length} arguments, not one payload` };
  const [payload] = args;
  if (!isJsonObject(payload)) return { ok: false, reason: 'payload is not a JSON object' };
  const extra = onlyKeys(payload, allowed);
  return extra ? { ok: false, reason: extra } : { ok: true, value: payload };
}

/** A required string field, trimmed, of `min` to `max` characters. */
function boundedText(payload: Record<string, unknown>, key: string, min: number, max: number): Checked<string> {
  const raw = payload[key];
  if (typeof raw !== 'string') return { ok: false, reason: `${key} is not a string` };
  const text = raw.trim();
  const length = codePoints(text);
  return length < min || length > max ? { ok: false, reason: `${key} of ${length} characters` } : { ok: true, value: text };
}

/** `session:start`: `{ nickname: string, token?: string }`; nickname trimmed, 1–32 characters, no control characters. */
export function judgeSessionStart(args: unknown[], limits: ProtocolLimits = SPEC_LIMITS): Judgement<{ nickname: string; token?: string }> {
  const payload = onePayload(args, ['nickname', 'token']);
  if (!payload.ok) return { valid: false, reason: payload.reason };
  const nickname = boundedText(payload.value, 'nickname', limits.nicknameMinLength, limits.nicknameMaxLength);
  if (!nickname.ok) return { valid: false, reason: nickname.reason };
  if (CONTROL.test(nickname.value)) return { valid: false, reason: 'nickname has a control character' };
  if (!has(payload.value, 'token')) return { valid: true, value: { nickname: wellFormed(nickname.value) } };
  const token = payload.value['token'];
  if (typeof token !== 'string') return { valid: false, reason: 'token is not a string' };
  if (token.length > limits.tokenMaxLength) return { valid: false, reason: `token of ${token.length} units` };
  return { valid: true, value: { nickname: wellFormed(nickname.value), token } };
}

/** `message:send`: `{ text: string, clientMessageId?: string }`; text trimmed, 1–MAX_MESSAGE_LENGTH characters. */
export function judgeMessageSend(args: unknown[], limits: ProtocolLimits = SPEC_LIMITS): Judgement<{ text: string; clientMessageId?: string }> {
  const payload = onePayload(args, ['text', 'clientMessageId']);
  if (!payload.ok) return { valid: false, reason: payload.reason };
  const text = boundedText(payload.value, 'text', 1, limits.messageMaxLength);
  if (!text.ok) return { valid: false, reason: text.reason };
  if (!has(payload.value, 'clientMessageId')) return { valid: true, value: { text: storableText(text.value) } };
  const clientMessageId = payload.value['clientMessageId'];
  if (typeof clientMessageId !== 'string' || !CLIENT_MESSAGE_ID.test(clientMessageId)) {
    return { valid: false, reason: 'clientMessageId is not 1–64 letters, digits, - or _' };
  }
  return { valid: true, value: { text: storableText(text.value), clientMessageId } };
}

/**
 * The arguments as the server decodes them: JSON's view of the values (undefined and NaN become
 * null, only own enumerable keys survive), with binary parts kept as they are.
 */
export function asReceived(args: unknown[]): unknown[] {
  if (!containsBinary(args)) return JSON.parse(JSON.stringify(args)) as unknown[];
  const binaries: unknown[] = [];
  const marker = `\u0000binary-${Math.random().toString(36).slice(2)}`;
  // The holder's own value: a Buffer's toJSON has already run by the time `value` arrives.
  const json = JSON.stringify(args, function (this: Record<string, unknown>, key: string, value: unknown) {
    if (isBinary(this[key])) {
      binaries.push(this[key]);
      return `${marker}${binaries.length - 1}`;
    }
    return value;
  });
  return JSON.parse(json, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(marker) ? binaries[Number(value.slice(marker.length))] : value,
  ) as unknown[];
}

/**
 * Bytes of the WebSocket text frame socket.io-client sends for `emit(event, ...args)`: the
 * Engine.IO message type, the Socket.IO event type, the ack id, and the JSON array. Binary parts
 * travel in frames of their own; here they count as the placeholder that stands in for them.
 */
export function eventFrameBytes(event: string | number, args: unknown[], ackId?: number): number {
  if (!containsBinary(args)) return Buffer.byteLength(`42${ackId ?? ''}${JSON.stringify([event, ...args])}`);
  let attachments = 0;
  const json = JSON.stringify([event, ...args], function (this: Record<string, unknown>, key: string, value: unknown) {
    return isBinary(this[key]) ? { _placeholder: true, num: attachments++ } : value;
  });
  const header = attachments > 0 ? `45${attachments}-` : '42';
  return Buffer.byteLength(`${header}${ackId ?? ''}${json}`);
}
