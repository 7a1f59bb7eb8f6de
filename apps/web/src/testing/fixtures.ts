import {
  DEFAULT_RATE_LIMIT_MAX,
  DEFAULT_RATE_LIMIT_WINDOW_MS,
  Message,
  SessionAckPayload,
  Variant,
  messageSeed,
} from '@moodlobby/shared';

let counter = 0;

/** A message; ids are UUID-shaped and unique per call unless given. */
export function aMessage(overrides: Partial<Message> = {}): Message {
  counter++;
  const id = overrides.id ?? `${counter.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
  return {
    id,
    userId: 'user-2',
    nickname: 'Grace',
    text: `message ${counter}`,
    mood: 'neutral',
    moodStatus: 'pending',
    confidence: null,
    seed: messageSeed(id),
    createdAt: new Date(Date.UTC(2026, 0, 1, 12, 0, counter % 60)).toISOString(),
    ...overrides,
  };
}

export function aSessionAck(overrides: Partial<SessionAckPayload> = {}): SessionAckPayload {
  return {
    user: { id: 'user-1', nickname: 'Ada', variant: Variant.Control },
    token: 'token-1',
    history: [],
    presence: [{ id: 'user-1', nickname: 'Ada' }],
    limits: {
      messageMaxLength: 120,
      rateLimit: { max: DEFAULT_RATE_LIMIT_MAX, windowMs: DEFAULT_RATE_LIMIT_WINDOW_MS },
    },
    ui: { vnBackgroundDebounceMs: 1500 },
    serverTime: '2026-01-01T12:00:00.000Z',
    ...overrides,
  };
}
