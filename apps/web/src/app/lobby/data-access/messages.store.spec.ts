import { ServerEvent } from '@moodlobby/shared';
import { FakeSocketService } from '../../../testing/fake-socket.service';
import { aMessage, aSessionAck } from '../../../testing/fixtures';
import { joinedTestLobby, openTestLobby } from '../../../testing/lobby';

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
});
