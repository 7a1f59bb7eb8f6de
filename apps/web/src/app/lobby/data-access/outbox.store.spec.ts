import { CLIENT_MESSAGE_ID_PATTERN, ClientEvent, MessageSendPayload, ServerEvent } from '@moodlobby/shared';
import { FakeSocketService } from '../../../testing/fake-socket.service';
import { aMessage, aSessionAck } from '../../../testing/fixtures';
import { joinedTestLobby } from '../../../testing/lobby';

/** Lets promise callbacks (acks) run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('OutboxStore', () => {
  let socket: FakeSocketService;

  beforeEach(() => {
    localStorage.clear();
    socket = new FakeSocketService();
  });

  describe('reconnecting', () => {
    it('resends the outbox after a reconnect with the same clientMessageId', async () => {
      const { outbox, messages } = joinedTestLobby(socket);
      outbox.send('  hello  ');
      const first = socket.takeAckRequest();
      const { clientMessageId, text } = first.payload as MessageSendPayload;
      expect(text).toBe('hello');
      expect(clientMessageId).toMatch(CLIENT_MESSAGE_ID_PATTERN);

      socket.setStatus('reconnecting'); // the ack never comes
      await settle();
      expect(outbox.pending().map((p) => p.text)).toEqual(['hello']);
      expect(socket.ackRequests).toHaveLength(0);

      socket.setStatus('connected');
      expect(socket.ackRequests).toHaveLength(0); // not before the session is back
      socket.serverEmit(ServerEvent.SessionAck, aSessionAck());

      const resend = socket.takeAckRequest();
      expect(resend.payload).toEqual({ text: 'hello', clientMessageId });

      const stored = aMessage({ userId: 'user-1', nickname: 'Ada', text: 'hello', clientMessageId });
      resend.resolve({ ok: true, message: stored });
      await settle();
      expect(outbox.entries()).toEqual([]);
      expect(messages.messages()).toEqual([stored]);
    });

    it('queues what is typed while offline and sends it, in order, once the session is back', async () => {
      const { outbox } = joinedTestLobby(socket);
      socket.setStatus('reconnecting');

      expect(outbox.send('one')).toBe(true);
      expect(outbox.send('two')).toBe(true);
      expect(outbox.draft()).toBe('');
      expect(outbox.pending().map((p) => p.text)).toEqual(['one', 'two']);

      socket.setStatus('connected');
      socket.serverEmit(ServerEvent.SessionAck, aSessionAck());
      const one = socket.takeAckRequest();
      expect(one.payload).toMatchObject({ text: 'one' });
      expect(socket.ackRequests).toHaveLength(0); // one at a time keeps the order

      one.resolve({ ok: true, message: aMessage({ text: 'one' }) });
      await settle();
      expect(socket.takeAckRequest().payload).toMatchObject({ text: 'two' });
    });
  });

  describe('refusals', () => {
    it('on rate_limited keeps the text in the input and says when to try again', async () => {
      const { outbox, notices } = joinedTestLobby(socket);
      outbox.setDraft('too fast');
      outbox.send('too fast');
      expect(outbox.draft()).toBe('');

      socket.takeAckRequest().resolve({ ok: false, error: 'rate_limited', retryAfterMs: 3200 });
      await settle();

      expect(outbox.draft()).toBe('too fast');
      expect(outbox.entries()).toEqual([]);
      expect(notices.notices()).toEqual([
        expect.objectContaining({ kind: 'rate_limited', text: 'Slow down — you can send again in 4 s' }),
      ]);
    });

    it('while rate limited keeps new text in the input instead of queueing it behind the refused one', async () => {
      const { outbox, notices } = joinedTestLobby(socket);
      outbox.send('flood 6');
      outbox.send('flood 7'); // typed before the answer to 6 came back
      socket.takeAckRequest().resolve({ ok: false, error: 'rate_limited', retryAfterMs: 4000 });
      await settle();

      expect(outbox.draft()).toBe('flood 6\nflood 7');
      expect(outbox.entries()).toEqual([]);

      outbox.setDraft('flood 8');
      expect(outbox.send('flood 8')).toBe(false);
      expect(outbox.draft()).toBe('flood 8');
      expect(socket.ackRequests).toHaveLength(0);
      expect(notices.notices()).toEqual([expect.objectContaining({ kind: 'rate_limited' })]);
    });

    it('on invalid_payload shows the server reasons in plain words and gives the text back', async () => {
      const { outbox, notices } = joinedTestLobby(socket);
      outbox.send('something odd');

      socket.takeAckRequest().resolve({
        ok: false,
        error: 'invalid_payload',
        errors: ['text must be shorter than or equal to 120 characters'],
      });
      await settle();

      expect(notices.notices()).toEqual([
        expect.objectContaining({
          kind: 'invalid_payload',
          text: 'Your message was not sent. Text must be shorter than or equal to 120 characters.',
        }),
      ]);
      expect(outbox.draft()).toBe('something odd');
      expect(outbox.entries()).toEqual([]);
    });

    it('starts the session again on error:session_required and then sends the queued message', async () => {
      const { outbox } = joinedTestLobby(socket);
      outbox.send('hi');
      socket.serverEmit(ServerEvent.SessionRequired, { event: ClientEvent.MessageSend });
      socket.takeAckRequest().resolve({ ok: false, error: 'session_required' });
      await settle();

      expect(socket.sent(ClientEvent.SessionStart)).toHaveLength(2); // once, though told twice
      expect(outbox.pending().map((p) => p.text)).toEqual(['hi']);

      socket.serverEmit(ServerEvent.SessionAck, aSessionAck());
      expect(socket.takeAckRequest().payload).toMatchObject({ text: 'hi' });
    });

    it('does not send empty or over-long text, counting characters as the server does', () => {
      const { outbox } = joinedTestLobby(socket);

      expect(outbox.send('   ')).toBe(false);
      expect(outbox.send('x'.repeat(121))).toBe(false);
      expect(socket.ackRequests).toHaveLength(0);

      expect(outbox.send('😀'.repeat(120))).toBe(true); // 120 code points, 240 UTF-16 units
      expect(socket.ackRequests).toHaveLength(1);
    });
  });

  describe('split messages and the rate limit', () => {
    afterEach(() => jest.useRealTimers());

    it('sends the parts of a split text in order, and none of them if one does not fit', async () => {
      const { outbox } = joinedTestLobby(socket);
      outbox.setDraft('a long text');

      expect(outbox.sendAll(['part one', 'x'.repeat(121)])).toBe(false);
      expect(outbox.draft()).toBe('a long text');
      expect(socket.ackRequests).toHaveLength(0);

      expect(outbox.sendAll(['part one', 'part two'])).toBe(true);
      expect(outbox.draft()).toBe('');
      const one = socket.takeAckRequest();
      expect(one.payload).toMatchObject({ text: 'part one' });
      one.resolve({ ok: true, message: aMessage({ text: 'part one' }) });
      await settle();
      expect(socket.takeAckRequest().payload).toMatchObject({ text: 'part two' });
    });

    it('counts the rate-limit wait down to zero, then lets the kept text go', async () => {
      jest.useFakeTimers({ doNotFake: ['queueMicrotask'] });
      const { outbox, notices } = joinedTestLobby(socket);
      outbox.send('refused');
      socket.takeAckRequest().resolve({ ok: false, error: 'rate_limited', retryAfterMs: 3000 });
      await Promise.resolve();
      await Promise.resolve();

      expect(outbox.waitSeconds()).toBe(3);
      expect(notices.notices()[0]).toMatchObject({ text: 'Slow down — you can send again in 3 s', announce: 'Slow down — you can send again in a few seconds' });
      jest.advanceTimersByTime(1100);
      expect(outbox.waitSeconds()).toBe(2);
      expect(notices.notices()[0].text).toBe('Slow down — you can send again in 2 s');
      expect(outbox.send('refused')).toBe(false);
      expect(outbox.draft()).toBe('refused');

      jest.advanceTimersByTime(2000);
      expect(outbox.waitSeconds()).toBe(0);
      expect(notices.notices()).toEqual([]);
      expect(outbox.send('refused')).toBe(true);
      expect(socket.takeAckRequest().payload).toMatchObject({ text: 'refused' });
    });
  });
});
