import { ClientEvent, MAX_SOCKET_FRAME_BYTES, MAX_SOCKET_TRANSPORT_BYTES, Message, MessageSendAck, ServerEvent, SessionAckPayload } from '@moodlobby/shared';
import {
  ApiServer,
  asReceived,
  count,
  disconnection,
  eventFrameBytes,
  judgeMessageSend,
  judgeSessionStart,
  LobbyClient,
  nextEvent,
  queryDb,
  SeededRandom,
  startApi,
} from '@moodlobby/testing';

/**
 * Fuzzing every client event against a real server: generated payloads (seeded, so every run
 * sends the same ones) on several sockets at once, each socket one event at a time so the
 * expected answer is known. An independent oracle (`judgeMessageSend`, `judgeSessionStart`,
 * written from SPEC section 5) says which payloads are valid; the server must agree on every one.
 */
const SEED = 0x6d6f6f64; // "mood"
const LANES = 8;
const OPS_PER_LANE = 700;
/** Generated frames stay under the size limit (tested on its own below), with room for the ack id. */
const FRAME_BUDGET = MAX_SOCKET_FRAME_BYTES - 16;

// ---- generators -------------------------------------------------------------------------------

const ASCII = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,!?-_:;\'"()[]{}<>/\\@#$%^&*+=~`|'];
const WHITESPACE = [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2003', '\u2028', '\u2029', '\u202f', '\u3000', '\ufeff'];
const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060'];
const BIDI = ['\u202e', '\u202d', '\u200f', '\u061c', 'ש', 'ל', 'م', 'ر'];
const ASTRAL = ['😀', '𝕏', '🀄', '\u{10fffd}', '\u{e0001}'];
const COMBINING = ['\u0301', '\ufe0f', '\ufe0e', '\u20e3'];
const CONTROL = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009f'];
const LONE_SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff'];
const ODD = ['\uffff', '\ufffe', '\ufffd'];
const SEQUENCES = [
  '🏳️‍🌈',
  '👨‍👩‍👧',
  'e\u0301',
  '❤️',
  'שלום',
  'مرحبا',
  '<script>alert(1)</script>',
  '<svg onload=alert(1)>',
  "'; DROP TABLE messages; --",
  '${7*7}',
  '%s%n',
  '__proto__',
  'null',
  '\\u0000',
];
const KEYS = [
  'text',
  'clientMessageId',
  'nickname',
  'token',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'toJSON',
  '__defineGetter__',
  'length',
  '0',
  '',
  'Text',
  'text ',
  '\u200btext',
  '$where',
];
/** Event names nobody handles: near misses, server events, prototype names, odd strings. */
const UNKNOWN_EVENTS = [
  'message:sent',
  'message:send ',
  'Message:send',
  'session:start\u0000',
  'session:Start',
  'message:new',
  'session:ack',
  'presence:update',
  'error:invalid_payload',
  'message:mood_updated',
  'server:shutdown',
  'admin:drop_tables',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'error',
  'ping',
  'message',
  'connection',
  '',
  ' ',
  '😀',
  '\u202e:send',
  '\ud800',
];

/** Every single-code-point atom, ASCII most often. */
const ODD_ATOMS = [...WHITESPACE, ...ZERO_WIDTH, ...BIDI, ...ASTRAL, ...COMBINING, ...CONTROL, ...LONE_SURROGATES, ...ODD];

function atom(rng: SeededRandom): string {
  return rng.chance(0.6) ? rng.pick(ASCII) : rng.pick(ODD_ATOMS);
}

function chars(rng: SeededRandom, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += atom(rng);
  return out;
}

function whitespace(rng: SeededRandom, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += rng.pick(WHITESPACE);
  return out;
}

/** A string whose JSON encoding is at most about `bytes` long: a short random unit, repeated. */
function huge(rng: SeededRandom, bytes: number, unit = chars(rng, rng.int(1, 4))): string {
  const unitBytes = Math.max(1, Buffer.byteLength(JSON.stringify(unit)) - 2);
  return unit.repeat(Math.max(1, Math.floor(bytes / unitBytes)));
}

/** Message-like text: short, at the length limits, padded, emoji, markup, or huge. */
function text(rng: SeededRandom): string {
  switch (rng.weighted({ short: 10, boundary: 5, padded: 3, sequences: 3, emoji: 2, huge: 2, hugePadded: 1 })) {
    case 'short':
      return chars(rng, rng.int(1, 40));
    case 'boundary':
      return chars(rng, rng.pick([0, 1, 2, 499, 500, 501, 502]));
    case 'padded':
      return whitespace(rng, rng.int(0, 200)) + chars(rng, rng.int(1, 50)) + whitespace(rng, rng.int(0, 200));
    case 'sequences':
      return Array.from({ length: rng.int(1, 6) }, () => rng.pick(SEQUENCES)).join(rng.pick(['', ' ', '\u200d']));
    case 'emoji':
      return rng.pick(['😀', '𝕏', '🏳️‍🌈']).repeat(rng.pick([1, 250, 499, 500, 501]));
    case 'huge':
      return huge(rng, rng.int(1_000, FRAME_BUDGET - 300));
    default:
      // Megabytes of nothing around a short line: valid once trimmed.
      return huge(rng, rng.int(1_000, 28_000), rng.pick(WHITESPACE)) + chars(rng, rng.int(1, 20)) + huge(rng, rng.int(1_000, 28_000), ' ');
  }
}

/** A nickname around the 1–32 character bounds, with whitespace, controls and variation selectors. */
function nickname(rng: SeededRandom, lane: number): string {
  switch (rng.weighted({ plain: 4, boundary: 5, padded: 2, odd: 2, huge: 1 })) {
    case 'plain':
      return `Fuzzer ${lane}`;
    case 'boundary':
      return chars(rng, rng.pick([0, 1, 2, 31, 32, 33, 34]));
    case 'padded':
      return whitespace(rng, rng.int(1, 10)) + chars(rng, rng.int(1, 32)) + whitespace(rng, rng.int(1, 10));
    case 'odd':
      return rng.pick(['a\ufe0f', '\ufe0f', 'x'.repeat(31) + '\ufe0f', 'a\ufe0f'.repeat(16), 'a\ufe0f'.repeat(17), '😀'.repeat(32), '😀'.repeat(33), 'e\u0301'.repeat(16), 'e\u0301'.repeat(17), rng.pick(SEQUENCES)]);
    default:
      return huge(rng, rng.int(1_000, 30_000));
  }
}

/** Numbers JSON cannot keep (NaN, Infinity, -0) are in here on purpose: they arrive as null or 0. */
const NUMBERS = [0, -0, 1, -1, 42, 3.14, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 1e308, -1e-308, NaN, Infinity];

/** An object whose keys are all own properties, `__proto__` included (a literal would set the prototype). */
function obj(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

function jsonValue(rng: SeededRandom, depth: number): unknown {
  const nested = depth > 0 ? 2 : 0;
  switch (rng.weighted({ null: 1, bool: 1, number: 2, string: 3, array: nested, object: nested })) {
    case 'null':
      return null;
    case 'bool':
      return rng.chance(0.5);
    case 'number':
      return rng.pick(NUMBERS);
    case 'string':
      return rng.chance(0.3) ? rng.pick(SEQUENCES) : chars(rng, rng.int(0, 30));
    case 'array':
      return Array.from({ length: rng.int(0, 4) }, () => jsonValue(rng, depth - 1));
    default:
      return obj(Array.from({ length: rng.int(0, 4) }, () => [rng.chance(0.7) ? rng.pick(KEYS) : chars(rng, rng.int(0, 8)), jsonValue(rng, depth - 1)]));
  }
}

/** Arrays and objects nested `depth` deep. */
function deep(rng: SeededRandom, depth: number): unknown {
  let value: unknown = rng.pick<unknown>(['x', 1, null, obj([['text', 'hi']])]);
  for (let i = 0; i < depth; i++) value = rng.chance(0.5) ? [value] : obj([[rng.pick(['a', 'text', '__proto__']), value]]);
  return value;
}

function binary(rng: SeededRandom): unknown {
  const bytes = Buffer.alloc(rng.pick([0, 1, 16, 1024, 8192]));
  for (let i = 0; i < bytes.length; i++) bytes[i] = rng.int(0, 255);
  const copy = () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
  switch (rng.int(0, 5)) {
    case 0:
      return bytes;
    case 1:
      return copy();
    case 2:
      return new Uint8Array(copy());
    case 3:
      return new Int16Array(copy(), 0, bytes.length >> 1);
    case 4:
      return new Float64Array(copy(), 0, bytes.length >> 3);
    default:
      return new DataView(copy());
  }
}

/** Unique within the run, so idempotency never merges two generated sends. */
function clientMessageId(rng: SeededRandom, unique: () => string): unknown {
  const pattern = [...'ABCabc019_-'];
  switch (rng.weighted({ valid: 7, longest: 1, invalid: 3 })) {
    case 'valid':
      return `${Array.from({ length: rng.int(0, 20) }, () => rng.pick(pattern)).join('')}${unique()}`;
    case 'longest':
      return unique().padStart(64, rng.pick(pattern));
    default:
      return rng.pick<unknown>(['', 'has space', 'dot.dot', 'ü', '😀', 'tab\t', '\u0000', 'x'.repeat(65), unique().padStart(65, 'a'), null, 7, true, [], {}]);
  }
}

function sendPayload(rng: SeededRandom, unique: () => string): Record<string, unknown> {
  const entries: [string, unknown][] = [['text', text(rng)]];
  if (rng.chance(0.4)) entries.push(['clientMessageId', clientMessageId(rng, unique)]);
  return obj(rng.chance(0.2) ? entries.reverse() : entries);
}

function startPayload(rng: SeededRandom, lane: number, myToken: string | null): Record<string, unknown> {
  const entries: [string, unknown][] = [['nickname', nickname(rng, lane)]];
  switch (rng.weighted({ none: 8, mine: 4, random: 4, long: 1, wrong: 2 })) {
    case 'mine':
      if (myToken) entries.push(['token', myToken]);
      break;
    case 'random':
      entries.push(['token', chars(rng, rng.int(0, 100))]);
      break;
    case 'long':
      // ASCII only: its length is the same in UTF-16 units and in code points.
      entries.push(['token', 'x'.repeat(rng.pick([256, 257, 300, 20_000]))]);
      break;
    case 'wrong':
      entries.push(['token', rng.pick<unknown>([null, 1, true, [], {}, ['t']])]);
      break;
  }
  return obj(entries);
}

/** Breaks a valid-looking payload in one way. */
function mutate(rng: SeededRandom, payload: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const entries = Object.entries(payload);
  switch (rng.weighted({ extra: 3, forbidden: 3, wrongType: 3, missing: 2, nullField: 1 })) {
    case 'extra':
      return obj([...entries, [rng.pick(KEYS.filter((key) => !fields.includes(key))), jsonValue(rng, 2)]]);
    case 'forbidden':
      return obj([...entries, [rng.pick(['__proto__', 'constructor', 'prototype']), rng.chance(0.7) ? obj([['polluted', true]]) : jsonValue(rng, 1)]]);
    case 'wrongType': {
      const field = rng.pick(fields);
      return obj([...entries.filter(([key]) => key !== field), [field, rng.pick<unknown>([1, true, [], {}, ['text'], obj([['toString', 'x']]), 0.5])]]);
    }
    case 'missing':
      return obj(entries.filter(([key]) => key !== fields[0]));
    default:
      return obj([...entries.filter(([key]) => key !== fields[1]), [fields[1], null]]);
  }
}

type Shape = 'plain' | 'mutated' | 'json' | 'deep' | 'binary' | 'none' | 'several' | 'huge';

/** Arguments for one event: a payload of the given shape (the ack, if any, is added by the caller). */
function argsFor(rng: SeededRandom, shape: Shape, valid: () => Record<string, unknown>, fields: string[]): unknown[] {
  switch (shape) {
    case 'plain':
      return [valid()];
    case 'mutated':
      return [mutate(rng, valid(), fields)];
    case 'json':
      return [jsonValue(rng, 3)];
    case 'deep': {
      const nested = deep(rng, rng.pick([10, 100, 1_000, 3_000]));
      return [rng.pick([nested, obj([[fields[0], nested]]), obj([...Object.entries(valid()), ['extra', nested]]), obj([...Object.entries(valid()), [fields[1], nested]])])];
    }
    case 'binary': {
      const blob = binary(rng);
      return rng.pick<unknown[]>([[blob], [obj([[fields[0], blob]])], [obj([...Object.entries(valid()), [fields[1], blob]])], [obj([...Object.entries(valid()), ['data', blob]])], [valid(), blob], [blob, valid()]]);
    }
    case 'none':
      return [];
    case 'several':
      return [rng.chance(0.5) ? valid() : jsonValue(rng, 2), ...Array.from({ length: rng.int(1, 3) }, () => jsonValue(rng, 1))];
    default: {
      const big = huge(rng, rng.int(10_000, FRAME_BUDGET - 300));
      return rng.pick<unknown[]>([[obj([[fields[0], big]])], [obj([...Object.entries(valid()), [fields[1], big]])], [obj([...Object.entries(valid()), [big.slice(0, 20_000), 1]])], [big]]);
    }
  }
}

interface Op {
  event: string | number;
  args: unknown[];
  ack: boolean;
  kind: string;
}

function generate(rng: SeededRandom, lane: number, unique: () => string, myToken: string | null): Op {
  const shape = rng.weighted<Shape>({ plain: 40, mutated: 18, json: 8, deep: 5, binary: 8, none: 3, several: 6, huge: 6 });
  const ack = rng.chance(0.75);
  const which = rng.weighted({ send: 60, start: 15, unknown: 25 });
  if (which === 'send') {
    return { event: ClientEvent.MessageSend, args: argsFor(rng, shape, () => sendPayload(rng, unique), ['text', 'clientMessageId']), ack, kind: `send:${shape}` };
  }
  if (which === 'start') {
    return { event: ClientEvent.SessionStart, args: argsFor(rng, shape, () => startPayload(rng, lane, myToken), ['nickname', 'token']), ack, kind: `start:${shape}` };
  }
  const event = rng.weighted({ listed: 6, random: 3, number: 1, huge: 1 });
  const name =
    event === 'listed' ? rng.pick(UNKNOWN_EVENTS) : event === 'random' ? chars(rng, rng.int(1, 80)) : event === 'number' ? rng.pick([0, 1, 42, -7]) : huge(rng, rng.int(1_000, 20_000));
  return { event: name, args: argsFor(rng, shape, () => sendPayload(rng, unique), ['text', 'clientMessageId']), ack, kind: `unknown:${event}` };
}

// ---- expectations -----------------------------------------------------------------------------

type Outcome = 'invalid' | 'session_required' | 'stored' | 'session' | 'rate_limited' | 'internal' | 'no answer';

type Expected =
  | { outcome: 'invalid'; event: string; orSessionRequired: boolean }
  | { outcome: 'session_required' }
  | { outcome: 'stored'; text: string; clientMessageId?: string }
  | { outcome: 'session'; nickname: string; sameUser: boolean };

interface LaneState {
  userId: string | null;
  nickname: string | null;
  token: string | null;
}

function expectedOf(op: Op, state: LaneState): Expected {
  const received = asReceived(op.args);
  if (op.event === ClientEvent.MessageSend) {
    const judged = judgeMessageSend(received);
    if (!judged.valid) return { outcome: 'invalid', event: ClientEvent.MessageSend, orSessionRequired: state.userId === null };
    if (state.userId === null) return { outcome: 'session_required' };
    return { outcome: 'stored', ...judged.value };
  }
  if (op.event === ClientEvent.SessionStart) {
    const judged = judgeSessionStart(received);
    if (!judged.valid) return { outcome: 'invalid', event: ClientEvent.SessionStart, orSessionRequired: false };
    return { outcome: 'session', nickname: judged.value.nickname, sameUser: state.token !== null && judged.value.token === state.token };
  }
  return { outcome: 'invalid', event: typeof op.event === 'string' ? op.event.slice(0, 64) : typeof op.event, orSessionRequired: false };
}

const EVENT_OUTCOME: Record<string, Outcome> = {
  [ServerEvent.InvalidPayload]: 'invalid',
  [ServerEvent.SessionRequired]: 'session_required',
  [ServerEvent.SessionAck]: 'session',
  [ServerEvent.MessageNew]: 'stored',
};

function ackOutcome(ack: unknown): Outcome {
  const answer = ack as { ok?: boolean; error?: string; message?: unknown; user?: unknown } | null;
  if (answer?.ok === true) return answer.message ? 'stored' : answer.user ? 'session' : 'no answer';
  if (answer?.ok === false && typeof answer.error === 'string') return answer.error === 'invalid_payload' ? 'invalid' : (answer.error as Outcome);
  return 'no answer';
}

function describeOp(op: Op): string {
  const json = JSON.stringify({ event: op.event, args: op.args, ack: op.ack }) ?? '';
  return `${op.kind} ${json.length > 240 ? `${json.slice(0, 240)}… (${json.length} chars)` : json}`;
}

// ---- the suite --------------------------------------------------------------------------------

describe('robustness: fuzzed client events', () => {
  let server: ApiServer;

  beforeAll(async () => {
    server = await startApi({
      // No rate limit in the way; the unreachable sidecar's jobs fail once and stay quiet.
      env: { RATE_LIMIT_MAX: '1000000', INFERENCE_MAX_ATTEMPTS: '1', INFERENCE_POLL_MS: '1000' },
    });
  });
  afterAll(() => server.dispose());

  it(`answers ${LANES * OPS_PER_LANE} generated events as the spec says, stores exactly the valid messages, and stays up`, async () => {
    const failures: string[] = [];
    const stored: { id: string; text: string; expected: string }[] = [];
    const stats = new Map<string, number>();
    const tally = (key: string) => stats.set(key, (stats.get(key) ?? 0) + 1);
    let largestFrame = 0;
    const disconnects: string[] = [];

    const lane = async (index: number, rng: SeededRandom) => {
      const client = await LobbyClient.connect(server.url);
      client.socket.on('disconnect', (reason) => {
        if (reason !== 'io client disconnect') disconnects.push(`lane ${index}: ${reason}`);
      });
      const state: LaneState = { userId: null, nickname: null, token: null };
      let counter = 0;
      const unique = () => `L${index}-${(counter++).toString(36)}`;
      let laneFailures = 0;
      const fail = (op: Op, message: string) => {
        laneFailures++;
        failures.push(`lane ${index}: ${message}\n    op: ${describeOp(op)}`);
      };

      /** Sends one op and checks its answer against the oracle's expectation. */
      const step = async (op: Op) => {
        tally(op.kind);
        tally(op.ack ? 'with ack' : 'without ack');
        const expected = expectedOf(op, state);
        tally(`expected ${expected.outcome}`);

        const mark = client.received.length;
        let ack: unknown;
        if (op.ack) ack = await client.emitWithAck(op.event as string, ...op.args);
        else (client.socket.emit as (event: string | number, ...args: unknown[]) => void)(op.event, ...op.args);
        // The answer event of this op: errors and session:ack come only to this socket, and this
        // socket's user is the only one whose message:new it waits for.
        const reply = await nextEvent<{ userId?: string; event?: string }>(client, Object.keys(EVENT_OUTCOME), {
          since: mark,
          predicate: (payload, event) => event !== ServerEvent.MessageNew || (state.userId !== null && payload.userId === state.userId),
          timeoutMs: 5_000,
        }).catch(() => null);
        const byEvent: Outcome = reply ? EVENT_OUTCOME[reply.event] : 'no answer';
        const outcome = op.ack ? ackOutcome(ack) : byEvent;

        if (op.ack && outcome !== byEvent) fail(op, `ack says ${JSON.stringify(ack)?.slice(0, 200)} but the event was ${reply?.event ?? 'none'}`);
        const allowed = expected.outcome === 'invalid' && expected.orSessionRequired ? ['invalid', 'session_required'] : [expected.outcome];
        if (!allowed.includes(outcome)) {
          fail(op, `expected ${allowed.join(' or ')}, got ${outcome}${op.ack ? ` (ack ${JSON.stringify(ack)?.slice(0, 200)})` : ''}`);
        }

        if (outcome === 'invalid' && reply?.event === ServerEvent.InvalidPayload && expected.outcome === 'invalid') {
          if (reply.payload.event !== expected.event) fail(op, `error:invalid_payload names ${JSON.stringify(reply.payload.event)}`);
          if (op.ack) {
            const errors = (ack as { errors?: unknown }).errors;
            if (!Array.isArray(errors) || errors.length === 0) fail(op, `invalid_payload ack without errors: ${JSON.stringify(ack)}`);
          }
        }
        if (outcome === 'session' && reply?.event === ServerEvent.SessionAck) {
          const session = reply.payload as unknown as SessionAckPayload;
          if (expected.outcome === 'session') {
            if (session.user.nickname !== expected.nickname) fail(op, `nickname ${JSON.stringify(session.user.nickname)}, expected ${JSON.stringify(expected.nickname)}`);
            if ((session.user.id === state.userId) !== expected.sameUser) fail(op, `same user: ${session.user.id === state.userId}, expected ${expected.sameUser}`);
          }
          if (op.ack && (ack as SessionAckPayload).user?.id !== session.user.id) fail(op, 'ack and session:ack name different users');
          Object.assign(state, { userId: session.user.id, nickname: session.user.nickname, token: session.token });
        }
        if (outcome === 'stored' && reply?.event === ServerEvent.MessageNew) {
          const message = reply.payload as unknown as Message;
          stored.push({ id: message.id, text: message.text, expected: expected.outcome === 'stored' ? expected.text : '(not expected)' });
          if (expected.outcome === 'stored') {
            if (message.text !== expected.text) fail(op, `stored text ${JSON.stringify(message.text).slice(0, 80)}, expected ${JSON.stringify(expected.text).slice(0, 80)}`);
            if (message.clientMessageId !== expected.clientMessageId) fail(op, `clientMessageId ${message.clientMessageId}, expected ${expected.clientMessageId}`);
            if (message.nickname !== state.nickname) fail(op, `nickname ${message.nickname}, expected ${state.nickname}`);
          }
          if (op.ack) {
            const acked = ack as MessageSendAck;
            if (!acked.ok || acked.message.id !== message.id || acked.message.text !== message.text) fail(op, 'ack and message:new differ');
          }
        }
        if (!client.socket.connected) fail(op, 'the server dropped the connection');
      };

      for (let i = 0; i < OPS_PER_LANE && laneFailures < 5 && client.socket.connected; i++) {
        let op = generate(rng, index, unique, state.token);
        while (eventFrameBytes(op.event, op.args, 99_999) > FRAME_BUDGET) op = generate(rng, index, unique, state.token);
        largestFrame = Math.max(largestFrame, eventFrameBytes(op.event, op.args, 99_999));
        try {
          await step(op);
        } catch (error) {
          fail(op, `threw ${String(error)}`);
        }
      }
      const connected = client.socket.connected;
      client.close();
      return connected;
    };

    const root = new SeededRandom(SEED);
    const started = Date.now();
    const connected = await Promise.all(Array.from({ length: LANES }, (_, index) => lane(index, root.fork())));
    const ms = Date.now() - started;
    const total = [...stats.entries()].filter(([key]) => key.includes(':')).reduce((sum, [, n]) => sum + n, 0);
    console.log(
      `fuzz: ${total} events in ${ms} ms on ${LANES} sockets (seed ${SEED}), largest frame ${largestFrame} B\n` +
        [...stats.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => `  ${key}: ${n}`).join('\n'),
    );

    expect(failures.slice(0, 10)).toEqual([]);
    expect(total).toBe(LANES * OPS_PER_LANE);
    // The mix covers every outcome and every kind of payload in earnest, so agreement means something.
    const floors: [string, number][] = [
      ['expected stored', 500],
      ['expected invalid', 2000],
      ['expected session', 100],
      ['expected session_required', 20],
      ['with ack', 1000],
      ['without ack', 500],
      ...['binary', 'deep', 'huge', 'json', 'mutated', 'none', 'plain', 'several'].flatMap((kind): [string, number][] => [
        [`send:${kind}`, 50],
        [`start:${kind}`, 10],
      ]),
      ...['huge', 'listed', 'number', 'random'].map((kind): [string, number] => [`unknown:${kind}`, 50]),
    ];
    expect(floors.filter(([key, floor]) => (stats.get(key) ?? 0) < floor)).toEqual([]);
    expect(disconnects).toEqual([]);
    expect(connected.every(Boolean)).toBe(true);

    // Exactly the valid sends are stored, with the text the oracle expects, and nothing else: the
    // multisets of texts are equal, so no invalid send left a row.
    const rows = await queryDb<{ id: string; text: string }>(server.databaseUrl, 'SELECT id, text FROM messages');
    const byText = (list: { text: string }[]) => list.map((row) => row.text).sort();
    expect(rows.length).toBe(stats.get('expected stored'));
    expect(byText(rows)).toEqual(byText(stored.map((s) => ({ text: s.expected }))));
    expect(new Set(rows.map((row) => row.id))).toEqual(new Set(stored.map((s) => s.id)));
    expect(await count(server.databaseUrl, 'inference_jobs')).toBe(rows.length);

    // Still up, still answering.
    expect(server.process.exitCode).toBeNull();
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const after = await LobbyClient.connect(server.url);
    await after.start('After the fuzz');
    const ack = await after.send({ text: 'still standing', clientMessageId: 'after-fuzz' });
    expect(ack).toMatchObject({ ok: true, message: { text: 'still standing' } });
    await expect(after.waitFor<Message>(ServerEvent.MessageNew, (m) => m.clientMessageId === 'after-fuzz')).resolves.toMatchObject({
      text: 'still standing',
    });
    after.close();
  });

  it('answers an event over MAX_SOCKET_FRAME_BYTES with error:invalid_payload, stores nothing of it, and keeps the socket', async () => {
    const observer = await LobbyClient.connect(server.url);
    await observer.start('Observer');
    const before = await count(server.databaseUrl, 'messages');
    /** A message:send whose text frame is exactly `bytes` long, sent with ack id `ackId`. */
    const sendOf = (bytes: number, ackId: number) => {
      const base = eventFrameBytes(ClientEvent.MessageSend, [{ text: '' }], ackId);
      return { text: 'o'.repeat(bytes - base) };
    };
    const tooLarge = (size: number) => [`payload must be at most ${MAX_SOCKET_FRAME_BYTES} bytes (this one was ${size})`];

    const client = await LobbyClient.connect(server.url);
    await client.start('Oversize'); // ack id 0
    // One byte over, with an ack (id 1): refused by size, before validation.
    const over = MAX_SOCKET_FRAME_BYTES + 1;
    expect(eventFrameBytes(ClientEvent.MessageSend, [sendOf(over, 1)], 1)).toBe(over);
    let since = client.received.length;
    await expect(client.send(sendOf(over, 1))).resolves.toEqual({ ok: false, error: 'invalid_payload', errors: tooLarge(over) });
    await expect(nextEvent(client, [ServerEvent.InvalidPayload], { since })).resolves.toMatchObject({
      payload: { event: ClientEvent.MessageSend, errors: tooLarge(over) },
    });

    // Without an ack, as a binary attachment, on session:start and on an unknown event: each
    // answered by event, each with its own size.
    const text = { text: 'x'.repeat(200_000) };
    const attachment = Buffer.alloc(over, 1);
    const attempts: [string, unknown[], number][] = [
      [ClientEvent.MessageSend, [text], eventFrameBytes(ClientEvent.MessageSend, [text])],
      [ClientEvent.MessageSend, [{ text: attachment }], eventFrameBytes(ClientEvent.MessageSend, [{ text: attachment }]) + over],
      [ClientEvent.SessionStart, [{ nickname: 'n'.repeat(70_000) }], eventFrameBytes(ClientEvent.SessionStart, [{ nickname: 'n'.repeat(70_000) }])],
      ['whatever', ['😀'.repeat(20_000)], eventFrameBytes('whatever', ['😀'.repeat(20_000)])],
    ];
    for (const [event, args, size] of attempts) {
      expect(size).toBeGreaterThan(MAX_SOCKET_FRAME_BYTES);
      since = client.received.length;
      (client.socket.emit as (event: string, ...rest: unknown[]) => void)(event, ...args);
      await expect(nextEvent(client, [ServerEvent.InvalidPayload, ServerEvent.SessionAck, ServerEvent.MessageNew], { since })).resolves.toMatchObject({
        event: ServerEvent.InvalidPayload,
        payload: { event, errors: tooLarge(size) },
      });
      expect(client.socket.connected).toBe(true);
    }

    // A frame of exactly the limit is read and validated (the text is far too long): a validation
    // error, not a size one. Ack ids so far: 0 (start) and 1; this send is 2.
    expect(eventFrameBytes(ClientEvent.MessageSend, [sendOf(MAX_SOCKET_FRAME_BYTES, 2)], 2)).toBe(MAX_SOCKET_FRAME_BYTES);
    const exact = await client.send(sendOf(MAX_SOCKET_FRAME_BYTES, 2));
    expect(exact).toMatchObject({ ok: false, error: 'invalid_payload' });
    expect(exact.ok === false && exact.errors?.some((e) => e.startsWith('payload must be at most'))).toBe(false);

    // The same socket, still in its session, sends a normal message; the refused ones left no row
    // (that they spend no rate-limit budget is checked in robustness-flood, under the default limit).
    expect(client.socket.connected).toBe(true);
    await expect(client.send({ text: 'after the big ones' })).resolves.toMatchObject({ ok: true });
    expect(await count(server.databaseUrl, 'messages')).toBe(before + 1);

    // A single frame over what the transport reads at all closes that connection only.
    const huge = await LobbyClient.connect(server.url);
    await huge.start('Beyond the transport');
    const gone = disconnection(huge);
    huge.socket.emit(ClientEvent.MessageSend, { text: 'h'.repeat(MAX_SOCKET_TRANSPORT_BYTES) } as never);
    await expect(gone).resolves.toMatch(/transport (close|error)/);
    huge.close();

    expect(client.socket.connected).toBe(true);
    expect(observer.socket.connected).toBe(true);
    await expect(observer.send({ text: 'the others carry on' })).resolves.toMatchObject({ ok: true });
    expect(await count(server.databaseUrl, 'messages')).toBe(before + 2);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect(server.process.exitCode).toBeNull();
    client.close();
    observer.close();
  });
});
