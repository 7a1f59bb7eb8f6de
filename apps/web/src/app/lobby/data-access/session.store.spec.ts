import { TestBed } from '@angular/core/testing';
import {
  ClientEvent,
  DEFAULT_VN_BACKGROUND_DEBOUNCE_MS,
  ServerEvent,
  SessionAckPayload,
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
});
