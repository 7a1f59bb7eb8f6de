import { ClientEvent, ServerEvent } from '@moodlobby/shared';
import { FakeSocketService } from '../../../testing/fake-socket.service';
import { aMessage, aSessionAck } from '../../../testing/fixtures';
import { joinedTestLobby, openTestLobby } from '../../../testing/lobby';
import { MAX_MESSAGES_IN_MEMORY } from './messages';

describe('MessagesStore', () => {
  let socket: FakeSocketService;

  beforeEach(() => {
    localStorage.clear();
    socket = new FakeSocketService();
  });

  it('merges history by id without duplicates, ordered by createdAt then id', () => {
    const { session, messages } = openTestLobby(socket);
    socket.setStatus('connected');
    session.join('Ada');
    const early = aMessage({ id: 'b0000000-0000-4000-8000-000000000000', createdAt: '2026-01-01T10:00:00.000Z' });
    const sameTimeLowerId = aMessage({ id: 'a0000000-0000-4000-8000-000000000000', createdAt: '2026-01-01T10:00:00.000Z' });
    const late = aMessage({ createdAt: '2026-01-01T11:00:00.000Z' });
    socket.serverEmit(ServerEvent.MessageNew, late);

    socket.serverEmit(ServerEvent.SessionAck, aSessionAck({ history: [early, late, sameTimeLowerId] }));

    expect(messages.messages().map((m) => m.id)).toEqual([sameTimeLowerId.id, early.id, late.id]);
  });

  it('appends message:new, once per id', () => {
    const { messages } = joinedTestLobby(socket, aSessionAck({ history: [aMessage({ createdAt: '2026-01-01T09:00:00.000Z' })] }));
    const fresh = aMessage({ text: 'hello there', createdAt: '2026-01-01T13:00:00.000Z' });

    socket.serverEmit(ServerEvent.MessageNew, fresh);
    socket.serverEmit(ServerEvent.MessageNew, fresh);

    expect(messages.messages()).toHaveLength(2);
    expect(messages.messages().at(-1)).toEqual(fresh);
  });

  it('applies message:mood_updated to the message it names only', () => {
    const target = aMessage();
    const other = aMessage();
    const { messages } = joinedTestLobby(socket, aSessionAck({ history: [target, other] }));

    socket.serverEmit(ServerEvent.MoodUpdated, {
      messageId: target.id,
      mood: 'happy',
      confidence: 0.93,
      status: 'done',
    });

    const byId = new Map(messages.messages().map((m) => [m.id, m]));
    expect(byId.get(target.id)).toMatchObject({ mood: 'happy', moodStatus: 'done', confidence: 0.93 });
    expect(byId.get(other.id)).toMatchObject({ mood: 'neutral', moodStatus: 'pending', confidence: null });
  });

  describe('loading earlier messages', () => {
    const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

    it('asks for the page before the oldest message held and merges it in front', async () => {
      const held = [aMessage({ createdAt: '2026-01-01T12:00:10.000Z' }), aMessage({ createdAt: '2026-01-01T12:00:20.000Z' })];
      const { messages } = joinedTestLobby(socket, aSessionAck({ history: held }));
      expect(messages.earlier()).toBe('unknown');

      const loading = messages.loadEarlier();
      const request = socket.takeAckRequest();
      expect(request.event).toBe(ClientEvent.HistoryBefore);
      expect(request.payload).toEqual({ beforeId: held[0].id, limit: 50 });
      expect(messages.loadingEarlier()).toBe(true);
      const older = [aMessage({ createdAt: '2026-01-01T11:00:00.000Z' }), aMessage({ createdAt: '2026-01-01T11:30:00.000Z' })];
      request.resolve({ ok: true, messages: older, hasMore: true });
      await loading;

      expect(messages.messages().map((m) => m.id)).toEqual([...older, ...held].map((m) => m.id));
      expect(messages.earlier()).toBe('more');
      expect(messages.loadingEarlier()).toBe(false);

      const next = messages.loadEarlier();
      const second = socket.takeAckRequest();
      expect(second.payload).toEqual({ beforeId: older[0].id, limit: 50 });
      second.resolve({ ok: true, messages: [], hasMore: false });
      await next;
      expect(messages.earlier()).toBe('none');
      await messages.loadEarlier();
      expect(socket.ackRequests).toHaveLength(0); // nothing before the very beginning
    });

    it('knows the lobby starts at the first message when the history is empty', () => {
      const { messages } = joinedTestLobby(socket, aSessionAck({ history: [] }));
      expect(messages.earlier()).toBe('none');
    });

    it('keeps what the user loaded over the memory cap, and knows there is more once the cap drops lines again', async () => {
      const held = Array.from({ length: MAX_MESSAGES_IN_MEMORY }, (_, i) => aMessage({ createdAt: new Date(Date.UTC(2026, 0, 2, 0, 0, i)).toISOString() }));
      const { messages } = joinedTestLobby(socket, aSessionAck({ history: held }));
      const loading = messages.loadEarlier();
      const older = [aMessage({ createdAt: '2026-01-01T00:00:00.000Z' })];
      socket.takeAckRequest().resolve({ ok: true, messages: older, hasMore: false });
      await loading;
      expect(messages.messages()).toHaveLength(MAX_MESSAGES_IN_MEMORY + 1);
      expect(messages.earlier()).toBe('none');

      socket.serverEmit(ServerEvent.MessageNew, aMessage({ createdAt: '2026-01-03T00:00:00.000Z' }));
      expect(messages.messages()).toHaveLength(MAX_MESSAGES_IN_MEMORY);
      expect(messages.earlier()).toBe('more');
    });

    it('says so when a page cannot be loaded, and lets the user try again', async () => {
      const { messages } = joinedTestLobby(socket, aSessionAck({ history: [aMessage()] }));
      const loading = messages.loadEarlier();
      socket.setStatus('reconnecting'); // the ack is lost
      await loading;
      await settle();

      expect(messages.earlierError()).toContain('could not be loaded');
      expect(messages.loadingEarlier()).toBe(false);
      expect(messages.earlier()).toBe('unknown');
    });
  });
});
