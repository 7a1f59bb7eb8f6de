import { TestBed } from '@angular/core/testing';
import {
  CLIENT_MESSAGE_ID_PATTERN,
  ClientEvent,
  DEFAULT_VN_BACKGROUND_DEBOUNCE_MS,
  MessageSendPayload,
  ServerEvent,
  SessionAckPayload,
} from '@moodlobby/shared';
import { FakeSocketService } from '../../../testing/fake-socket.service';
import { aMessage, aSessionAck } from '../../../testing/fixtures';
import { NICKNAME_KEY, TOKEN_KEY } from './saved-session';
import { SessionStore } from './session.store';
import { SocketService } from './socket.service';

/** Lets promise callbacks (acks) run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('SessionStore', () => {
  let socket: FakeSocketService;

  function createStore(): SessionStore {
    TestBed.configureTestingModule({ providers: [{ provide: SocketService, useValue: socket }] });
    return TestBed.inject(SessionStore);
  }

  /** A store that has joined as Ada (token-1) on a live connection. */
  function joinedStore(ack = aSessionAck()): SessionStore {
    const store = createStore();
    socket.setStatus('connected');
    store.join('Ada');
    socket.serverEmit(ServerEvent.SessionAck, ack);
    return store;
  }

  beforeEach(() => {
    localStorage.clear();
    socket = new FakeSocketService();
  });

  describe('joining', () => {
    it('connects at once and waits for a nickname before starting a session', () => {
      const store = createStore();
      socket.setStatus('connected');

      expect(socket.connectCalls).toBe(1);
      expect(store.connection()).toBe('connected');
      expect(socket.sent(ClientEvent.SessionStart)).toEqual([]);
      expect(store.user()).toBeNull();
    });

    it('sends session:start with the trimmed nickname and stores user, token and limits on the ack', () => {
      const store = createStore();
      socket.setStatus('connected');

      store.join('  Ada  ');
      expect(socket.sent(ClientEvent.SessionStart)).toEqual([{ nickname: 'Ada' }]);
      expect(store.joining()).toBe(true);

      socket.serverEmit(ServerEvent.SessionAck, aSessionAck({ token: 'signed-token' }));

      expect(store.user()).toEqual({ id: 'user-1', nickname: 'Ada', variant: 'CONTROL' });
      expect(store.variant()).toBe('CONTROL');
      expect(store.live()).toBe(true);
      expect(store.joining()).toBe(false);
      expect(store.messageMaxLength()).toBe(120);
      expect(localStorage.getItem(TOKEN_KEY)).toBe('signed-token');
      expect(localStorage.getItem(NICKNAME_KEY)).toBe('Ada');
    });

    it('keeps the VN background debounce from the ack, and the shared default when it is missing or unusable', () => {
      const store = createStore();
      socket.setStatus('connected');
      expect(store.vnBackgroundDebounceMs()).toBe(DEFAULT_VN_BACKGROUND_DEBOUNCE_MS);

      store.join('Ada');
      socket.serverEmit(ServerEvent.SessionAck, aSessionAck({ ui: { vnBackgroundDebounceMs: 400 } }));
      expect(store.vnBackgroundDebounceMs()).toBe(400);

      socket.serverEmit(ServerEvent.SessionAck, aSessionAck({ ui: { vnBackgroundDebounceMs: -1 } }));
      expect(store.vnBackgroundDebounceMs()).toBe(400);

      const { ui: _, ...withoutUi } = aSessionAck();
      socket.serverEmit(ServerEvent.SessionAck, withoutUi as SessionAckPayload);
      expect(store.vnBackgroundDebounceMs()).toBe(400);
    });

    it('sends session:start once the socket connects when the user joined while connecting', () => {
      const store = createStore();
      store.join('Ada');
      expect(socket.emitted).toEqual([]);

      socket.setStatus('connected');
      expect(socket.sent(ClientEvent.SessionStart)).toEqual([{ nickname: 'Ada' }]);
    });

    it('never sends an invalid nickname and says why', () => {
      const store = createStore();
      socket.setStatus('connected');

      store.join('   ');
      store.join('x'.repeat(33));
      store.join('bad\u0007name');

      expect(socket.sent(ClientEvent.SessionStart)).toEqual([]);
      expect(store.joinErrors()).toEqual([expect.stringContaining('control characters')]);
    });

    it('re-joins on reload as the same user, with the saved nickname and token', () => {
      localStorage.setItem(TOKEN_KEY, 'saved-token');
      localStorage.setItem(NICKNAME_KEY, 'Ada');
      const store = createStore();
      expect(store.joining()).toBe(true);

      socket.setStatus('connected');
      expect(socket.sent(ClientEvent.SessionStart)).toEqual([{ nickname: 'Ada', token: 'saved-token' }]);
    });

    it('goes back to the form with the server reasons when the nickname is refused', () => {
      localStorage.setItem(NICKNAME_KEY, 'Ada');
      const store = createStore();
      socket.setStatus('connected');

      socket.serverEmit(ServerEvent.InvalidPayload, {
        event: ClientEvent.SessionStart,
        errors: ['nickname must not contain control characters'],
      });

      expect(store.user()).toBeNull();
      expect(store.joining()).toBe(false);
      expect(store.nickname()).toBeNull();
      expect(store.joinErrors()).toEqual(['Nickname must not contain control characters.']);
      expect(localStorage.getItem(NICKNAME_KEY)).toBeNull();
    });

    it('drops a stored token the server cannot read and joins again without it', () => {
      localStorage.setItem(TOKEN_KEY, 'x'.repeat(300));
      localStorage.setItem(NICKNAME_KEY, 'Ada');
      const store = createStore();
      socket.setStatus('connected');

      socket.serverEmit(ServerEvent.InvalidPayload, {
        event: ClientEvent.SessionStart,
        errors: ['token must be shorter than or equal to 256 characters'],
      });

      expect(socket.sent(ClientEvent.SessionStart)).toEqual([
        { nickname: 'Ada', token: 'x'.repeat(300) },
        { nickname: 'Ada' },
      ]);
      expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
      expect(store.joinErrors()).toEqual([]);
    });
  });

  describe('messages', () => {
    it('merges history by id without duplicates, ordered by createdAt then id', () => {
      const store = createStore();
      socket.setStatus('connected');
      store.join('Ada');
      const early = aMessage({ id: 'b0000000-0000-4000-8000-000000000000', createdAt: '2026-01-01T10:00:00.000Z' });
      const sameTimeLowerId = aMessage({ id: 'a0000000-0000-4000-8000-000000000000', createdAt: '2026-01-01T10:00:00.000Z' });
      const late = aMessage({ createdAt: '2026-01-01T11:00:00.000Z' });
      socket.serverEmit(ServerEvent.MessageNew, late);

      socket.serverEmit(ServerEvent.SessionAck, aSessionAck({ history: [early, late, sameTimeLowerId] }));

      expect(store.messages().map((m) => m.id)).toEqual([sameTimeLowerId.id, early.id, late.id]);
    });

    it('appends message:new, once per id', () => {
      const store = joinedStore(aSessionAck({ history: [aMessage({ createdAt: '2026-01-01T09:00:00.000Z' })] }));
      const fresh = aMessage({ text: 'hello there', createdAt: '2026-01-01T13:00:00.000Z' });

      socket.serverEmit(ServerEvent.MessageNew, fresh);
      socket.serverEmit(ServerEvent.MessageNew, fresh);

      expect(store.messages()).toHaveLength(2);
      expect(store.messages().at(-1)).toEqual(fresh);
    });

    it('applies message:mood_updated to the message it names only', () => {
      const target = aMessage();
      const other = aMessage();
      const store = joinedStore(aSessionAck({ history: [target, other] }));

      socket.serverEmit(ServerEvent.MoodUpdated, {
        messageId: target.id,
        mood: 'happy',
        confidence: 0.93,
        status: 'done',
      });

      const byId = new Map(store.messages().map((m) => [m.id, m]));
      expect(byId.get(target.id)).toMatchObject({ mood: 'happy', moodStatus: 'done', confidence: 0.93 });
      expect(byId.get(other.id)).toMatchObject({ mood: 'neutral', moodStatus: 'pending', confidence: null });
    });

    it('replaces the presence list on presence:update', () => {
      const store = joinedStore();
      const users = [
        { id: 'user-2', nickname: 'Grace' },
        { id: 'user-3', nickname: 'Linus' },
      ];

      socket.serverEmit(ServerEvent.PresenceUpdate, { users });

      expect(store.presence()).toEqual(users);
    });
  });

  describe('reconnecting', () => {
    it('re-emits session:start with the stored token and merges what was sent while away', () => {
      const before = aMessage({ createdAt: '2026-01-01T10:00:00.000Z' });
      const store = joinedStore(aSessionAck({ token: 'token-1', history: [before] }));

      socket.setStatus('reconnecting');
      expect(store.connection()).toBe('reconnecting');
      expect(store.live()).toBe(false);

      socket.setStatus('connected');
      expect(socket.sent(ClientEvent.SessionStart)).toEqual([
        { nickname: 'Ada' },
        { nickname: 'Ada', token: 'token-1' },
      ]);

      const whileAway = aMessage({ createdAt: '2026-01-01T10:05:00.000Z', text: 'you missed this' });
      socket.serverEmit(ServerEvent.SessionAck, aSessionAck({ history: [before, whileAway] }));

      expect(store.messages().map((m) => m.text)).toEqual([before.text, 'you missed this']);
      expect(store.live()).toBe(true);
    });

    it('resends the outbox after a reconnect with the same clientMessageId', async () => {
      const store = joinedStore();
      store.send('  hello  ');
      const first = socket.takeAckRequest();
      const { clientMessageId, text } = first.payload as MessageSendPayload;
      expect(text).toBe('hello');
      expect(clientMessageId).toMatch(CLIENT_MESSAGE_ID_PATTERN);

      socket.setStatus('reconnecting'); // the ack never comes
      await settle();
      expect(store.pendingMessages().map((p) => p.text)).toEqual(['hello']);
      expect(socket.ackRequests).toHaveLength(0);

      socket.setStatus('connected');
      expect(socket.ackRequests).toHaveLength(0); // not before the session is back
      socket.serverEmit(ServerEvent.SessionAck, aSessionAck());

      const resend = socket.takeAckRequest();
      expect(resend.payload).toEqual({ text: 'hello', clientMessageId });

      const stored = aMessage({ userId: 'user-1', nickname: 'Ada', text: 'hello', clientMessageId });
      resend.resolve({ ok: true, message: stored });
      await settle();
      expect(store.outbox()).toEqual([]);
      expect(store.messages()).toEqual([stored]);
    });

    it('queues what is typed while offline and sends it, in order, once the session is back', async () => {
      const store = joinedStore();
      socket.setStatus('reconnecting');

      expect(store.send('one')).toBe(true);
      expect(store.send('two')).toBe(true);
      expect(store.draft()).toBe('');
      expect(store.pendingMessages().map((p) => p.text)).toEqual(['one', 'two']);

      socket.setStatus('connected');
      socket.serverEmit(ServerEvent.SessionAck, aSessionAck());
      const one = socket.takeAckRequest();
      expect(one.payload).toMatchObject({ text: 'one' });
      expect(socket.ackRequests).toHaveLength(0); // one at a time keeps the order

      one.resolve({ ok: true, message: aMessage({ text: 'one' }) });
      await settle();
      expect(socket.takeAckRequest().payload).toMatchObject({ text: 'two' });
    });

    it('shows a notice on server:shutdown and clears it once the session is back', () => {
      const store = joinedStore();

      socket.serverEmit(ServerEvent.ShuttingDown, { reconnectInMs: 1000 });
      expect(store.notices()).toEqual([
        expect.objectContaining({ kind: 'shutdown', text: 'Server restarting, reconnecting…' }),
      ]);

      socket.setStatus('reconnecting');
      socket.setStatus('connected');
      socket.serverEmit(ServerEvent.SessionAck, aSessionAck());
      expect(store.notices()).toEqual([]);
    });
  });

  describe('refusals', () => {
    it('on rate_limited keeps the text in the input and says when to try again', async () => {
      const store = joinedStore();
      store.setDraft('too fast');
      store.send('too fast');
      expect(store.draft()).toBe('');

      socket.takeAckRequest().resolve({ ok: false, error: 'rate_limited', retryAfterMs: 3200 });
      await settle();

      expect(store.draft()).toBe('too fast');
      expect(store.outbox()).toEqual([]);
      expect(store.notices()).toEqual([
        expect.objectContaining({ kind: 'rate_limited', text: 'Slow down — you can send again in 4 s' }),
      ]);
    });

    it('while rate limited keeps new text in the input instead of queueing it behind the refused one', async () => {
      const store = joinedStore();
      store.send('flood 6');
      store.send('flood 7'); // typed before the answer to 6 came back
      socket.takeAckRequest().resolve({ ok: false, error: 'rate_limited', retryAfterMs: 4000 });
      await settle();

      expect(store.draft()).toBe('flood 6\nflood 7');
      expect(store.outbox()).toEqual([]);

      store.setDraft('flood 8');
      expect(store.send('flood 8')).toBe(false);
      expect(store.draft()).toBe('flood 8');
      expect(socket.ackRequests).toHaveLength(0);
      expect(store.notices()).toEqual([expect.objectContaining({ kind: 'rate_limited' })]);
    });

    it('on invalid_payload shows the server reasons in plain words and gives the text back', async () => {
      const store = joinedStore();
      store.send('something odd');

      socket.takeAckRequest().resolve({
        ok: false,
        error: 'invalid_payload',
        errors: ['text must be shorter than or equal to 120 characters'],
      });
      await settle();

      expect(store.notices()).toEqual([
        expect.objectContaining({
          kind: 'invalid_payload',
          text: 'Your message was not sent. Text must be shorter than or equal to 120 characters.',
        }),
      ]);
      expect(store.draft()).toBe('something odd');
      expect(store.outbox()).toEqual([]);
    });

    it('turns error events into notices too (one per kind)', () => {
      const store = joinedStore();

      socket.serverEmit(ServerEvent.RateLimited, { event: ClientEvent.MessageSend, retryAfterMs: 900 });
      socket.serverEmit(ServerEvent.RateLimited, { event: ClientEvent.MessageSend, retryAfterMs: 2000 });

      expect(store.notices()).toEqual([
        expect.objectContaining({ kind: 'rate_limited', text: 'Slow down — you can send again in 2 s' }),
      ]);
    });

    it('starts the session again on error:session_required and then sends the queued message', async () => {
      const store = joinedStore();
      store.send('hi');
      socket.serverEmit(ServerEvent.SessionRequired, { event: ClientEvent.MessageSend });
      socket.takeAckRequest().resolve({ ok: false, error: 'session_required' });
      await settle();

      expect(socket.sent(ClientEvent.SessionStart)).toHaveLength(2); // once, though told twice
      expect(store.pendingMessages().map((p) => p.text)).toEqual(['hi']);

      socket.serverEmit(ServerEvent.SessionAck, aSessionAck());
      expect(socket.takeAckRequest().payload).toMatchObject({ text: 'hi' });
    });

    it('does not send empty or over-long text, counting characters as the server does', () => {
      const store = joinedStore();

      expect(store.send('   ')).toBe(false);
      expect(store.send('x'.repeat(121))).toBe(false);
      expect(socket.ackRequests).toHaveLength(0);

      expect(store.send('😀'.repeat(120))).toBe(true); // 120 code points, 240 UTF-16 units
      expect(socket.ackRequests).toHaveLength(1);
    });
  });
});
