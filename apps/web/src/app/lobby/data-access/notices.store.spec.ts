import { ClientEvent, ServerEvent } from '@moodlobby/shared';
import { FakeSocketService } from '../../../testing/fake-socket.service';
import { aSessionAck } from '../../../testing/fixtures';
import { joinedTestLobby } from '../../../testing/lobby';

describe('NoticesStore', () => {
  let socket: FakeSocketService;

  beforeEach(() => {
    localStorage.clear();
    socket = new FakeSocketService();
  });

  afterEach(() => jest.useRealTimers());

  it('shows a notice on server:shutdown and clears it once the session is back', () => {
    const { notices } = joinedTestLobby(socket);

    socket.serverEmit(ServerEvent.ShuttingDown, { reconnectInMs: 1000 });
    expect(notices.notices()).toEqual([
      expect.objectContaining({ kind: 'shutdown', text: 'Server restarting, reconnecting…' }),
    ]);

    socket.setStatus('reconnecting');
    socket.setStatus('connected');
    socket.serverEmit(ServerEvent.SessionAck, aSessionAck());
    expect(notices.notices()).toEqual([]);
  });

  it('turns error events into notices too (one per kind)', () => {
    const { notices } = joinedTestLobby(socket);

    socket.serverEmit(ServerEvent.RateLimited, { event: ClientEvent.MessageSend, retryAfterMs: 900 });
    socket.serverEmit(ServerEvent.RateLimited, { event: ClientEvent.MessageSend, retryAfterMs: 2000 });
    socket.serverEmit(ServerEvent.InvalidPayload, { event: ClientEvent.MessageSend, errors: ['text must be a string'] });

    expect(notices.notices()).toEqual([
      expect.objectContaining({ kind: 'rate_limited', text: 'Slow down — you can send again in 2 s' }),
      expect.objectContaining({ kind: 'invalid_payload', text: 'Your message was not sent. Text must be a string.' }),
    ]);
  });

  it('dismisses a notice on request, and by itself after a while (the shutdown notice excepted)', () => {
    jest.useFakeTimers();
    const { notices } = joinedTestLobby(socket);
    notices.show('error', 'first');
    notices.show('send_failed', 'second');
    socket.serverEmit(ServerEvent.ShuttingDown, { reconnectInMs: 1000 });

    notices.dismiss(notices.notices()[0].id);
    expect(notices.notices().map((n) => n.text)).toEqual(['second', 'Server restarting, reconnecting…']);

    jest.advanceTimersByTime(60_000);
    expect(notices.notices().map((n) => n.kind)).toEqual(['shutdown']);
  });
});
