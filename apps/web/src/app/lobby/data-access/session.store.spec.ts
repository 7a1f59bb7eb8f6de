import { TestBed } from '@angular/core/testing';
import {
  ClientEvent,
  DEFAULT_VN_BACKGROUND_DEBOUNCE_MS,
  ServerEvent,
  SessionAckPayload,
  Variant,
} from '@moodlobby/shared';
import { FakeSocketService } from '../../../testing/fake-socket.service';
import { aMessage, aSessionAck } from '../../../testing/fixtures';
import { joinedTestLobby, openTestLobby } from '../../../testing/lobby';
import { NICKNAME_KEY, TOKEN_KEY } from './saved-session';
import { SessionStore } from './session.store';
import { SocketService } from './socket.service';

describe('SessionStore', () => {
  let socket: FakeSocketService;

  /** The session store alone, as the shell has it before the lobby is shown. */
  function createStore(): SessionStore {
    TestBed.configureTestingModule({ providers: [{ provide: SocketService, useValue: socket }] });
    return TestBed.inject(SessionStore);
  }

  beforeEach(() => {
    localStorage.clear();
    socket = new FakeSocketService();
  });

  describe('joining', () => {
    it('does not connect until the lobby opens it, then waits for a nickname before starting a session', () => {
      const store = createStore();
      expect(socket.connectCalls).toBe(0);

      store.open();
      socket.setStatus('connected');

      expect(socket.connectCalls).toBe(1);
      expect(store.connection()).toBe('connected');
      expect(socket.sent(ClientEvent.SessionStart)).toEqual([]);
      expect(store.user()).toBeNull();
    });

    it('sends session:start with the trimmed nickname and stores user, token and limits on the ack', () => {
      const { session: store } = openTestLobby(socket);
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
      const { session: store } = openTestLobby(socket);
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
      const { session: store } = openTestLobby(socket);
      store.join('Ada');
      expect(socket.emitted).toEqual([]);

      socket.setStatus('connected');
      expect(socket.sent(ClientEvent.SessionStart)).toEqual([{ nickname: 'Ada' }]);
    });

    it('never sends an invalid nickname and says why', () => {
      const { session: store } = openTestLobby(socket);
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
      const { session: store } = openTestLobby(socket);
      expect(store.joining()).toBe(true);

      socket.setStatus('connected');
      expect(socket.sent(ClientEvent.SessionStart)).toEqual([{ nickname: 'Ada', token: 'saved-token' }]);
    });

    it('goes back to the form with the server reasons when the nickname is refused', () => {
      localStorage.setItem(NICKNAME_KEY, 'Ada');
      const { session: store, notices } = openTestLobby(socket);
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
      expect(notices.notices()).toEqual([]); // the form says it, not a banner
    });

    it('drops a stored token the server cannot read and joins again without it', () => {
      localStorage.setItem(TOKEN_KEY, 'x'.repeat(300));
      localStorage.setItem(NICKNAME_KEY, 'Ada');
      const { session: store } = openTestLobby(socket);
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

  describe('reconnecting', () => {
    it('re-emits session:start with the stored token and merges what was sent while away', () => {
      const before = aMessage({ createdAt: '2026-01-01T10:00:00.000Z' });
      const { session: store, messages } = joinedTestLobby(socket, aSessionAck({ token: 'token-1', history: [before] }));

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

      expect(messages.messages().map((m) => m.text)).toEqual([before.text, 'you missed this']);
      expect(store.live()).toBe(true);
    });

    it('starts the session again on error:session_required, once however often it is told', () => {
      const { session: store } = joinedTestLobby(socket);

      socket.serverEmit(ServerEvent.SessionRequired, { event: ClientEvent.MessageSend });
      socket.serverEmit(ServerEvent.SessionRequired, { event: ClientEvent.MessageSend });

      expect(store.live()).toBe(false);
      expect(socket.sent(ClientEvent.SessionStart)).toHaveLength(2); // the join, then one restart
      socket.serverEmit(ServerEvent.SessionAck, aSessionAck());
      expect(store.live()).toBe(true);
    });
  });

  describe('renaming and signing out', () => {
    const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

    it('renames through session:rename and remembers the new name', async () => {
      const { session: store } = joinedTestLobby(socket);

      const renamed = store.rename('  Ada Lovelace ');
      const request = socket.takeAckRequest();
      expect(request.event).toBe(ClientEvent.SessionRename);
      expect(request.payload).toEqual({ nickname: 'Ada Lovelace' });
      expect(store.renaming()).toBe(true);
      request.resolve({ ok: true, user: { id: 'user-1', nickname: 'Ada Lovelace', variant: Variant.Control } });

      await expect(renamed).resolves.toBe(true);
      expect(store.user()?.nickname).toBe('Ada Lovelace');
      expect(store.renaming()).toBe(false);
      expect(localStorage.getItem(NICKNAME_KEY)).toBe('Ada Lovelace');
    });

    it('says why a rename was refused, and never sends an invalid one', async () => {
      const { session: store } = joinedTestLobby(socket);

      await expect(store.rename('bad\u0007name')).resolves.toBe(false);
      expect(socket.ackRequests).toHaveLength(0);
      expect(store.renameErrors()).toEqual([expect.stringContaining('control characters')]);

      const limited = store.rename('Again');
      socket.takeAckRequest().resolve({ ok: false, error: 'rate_limited', retryAfterMs: 41_200 });
      await expect(limited).resolves.toBe(false);
      expect(store.renameErrors()).toEqual(['You changed your name a moment ago: try again in 42 s.']);
      expect(store.user()?.nickname).toBe('Ada');

      const refused = store.rename('Fine by me');
      socket.takeAckRequest().resolve({ ok: false, error: 'invalid_payload', errors: ['nickname must be 1 to 32 characters'] });
      await expect(refused).resolves.toBe(false);
      expect(store.renameErrors()).toEqual(['Nickname must be 1 to 32 characters.']);
    });

    it('takes the name another tab of the same user renamed them to, from presence', () => {
      const { session: store } = joinedTestLobby(socket);

      socket.serverEmit(ServerEvent.PresenceUpdate, { users: [{ id: 'user-1', nickname: 'Countess' }, { id: 'user-2', nickname: 'Grace' }] });

      expect(store.user()?.nickname).toBe('Countess');
      expect(localStorage.getItem(NICKNAME_KEY)).toBe('Countess');
      socket.setStatus('reconnecting');
      socket.setStatus('connected');
      expect(socket.sent(ClientEvent.SessionStart).at(-1)).toEqual({ nickname: 'Countess', token: 'token-1' });
    });

    it('signs out: forgets token and nickname, clears the lobby, and starts over on a fresh connection', async () => {
      const lobby = joinedTestLobby(socket, aSessionAck({ history: [aMessage()], presence: [{ id: 'user-1', nickname: 'Ada' }] }));
      socket.setStatus('reconnecting');
      lobby.outbox.send('typed while offline');
      socket.setStatus('connected');
      lobby.notices.show('error', 'something');

      lobby.session.signOut();
      await settle();

      expect(localStorage.getItem(TOKEN_KEY)).toBeNull();
      expect(localStorage.getItem(NICKNAME_KEY)).toBeNull();
      expect(socket.reopenCalls).toBe(1);
      expect(lobby.session.user()).toBeNull();
      expect(lobby.session.nickname()).toBeNull();
      expect(lobby.session.joining()).toBe(false);
      expect(lobby.session.connection()).toBe('connected');
      expect(lobby.messages.messages()).toEqual([]);
      expect(lobby.presence.users()).toEqual([]);
      expect(lobby.outbox.entries()).toEqual([]);
      expect(lobby.notices.notices()).toEqual([]);
      // Joining again is a new user: no token is sent, and nothing the old one typed goes out.
      lobby.session.join('Someone New');
      expect(socket.sent(ClientEvent.SessionStart).at(-1)).toEqual({ nickname: 'Someone New' });
      socket.serverEmit(ServerEvent.SessionAck, aSessionAck({ user: { id: 'user-9', nickname: 'Someone New', variant: Variant.Control } }));
      expect(socket.ackRequests).toEqual([]);
    });

    it('signs out when another tab of this browser did (the stored token went away)', () => {
      const { session: store } = joinedTestLobby(socket);
      localStorage.removeItem(TOKEN_KEY);

      window.dispatchEvent(new StorageEvent('storage', { key: TOKEN_KEY, oldValue: 'token-1', newValue: null }));

      expect(store.user()).toBeNull();
      expect(socket.reopenCalls).toBe(1);
    });
  });
});
