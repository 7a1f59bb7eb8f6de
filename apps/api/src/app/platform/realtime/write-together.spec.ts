import { MoodUpdatedPayload, ServerEvent } from '@moodlobby/shared';
import { LoopbackSocketIo, until } from '../../../testing/loopback-socket-io';
import { Emission, RealtimeService } from './realtime.service';
import { writeTogether } from './write-together';

describe('writeTogether (real Socket.IO server and clients on loopback)', () => {
  const loopback = LoopbackSocketIo.perTest();
  const join = (transports: ('websocket' | 'polling')[]) => loopback.join(transports);
  const attachedRealtime = () => {
    const realtime = new RealtimeService();
    realtime.attach(loopback.server);
    return realtime;
  };
  const happy: MoodUpdatedPayload = { messageId: 'a', mood: 'happy', confidence: 0.9, status: 'done' };

  const events = [
    [ServerEvent.MessageNew, { id: 'a' }],
    [ServerEvent.MoodUpdated, { messageId: 'a', mood: 'happy' }],
    [ServerEvent.MessageNew, { id: 'b' }],
  ] as const;

  it('writes every websocket client its share of several broadcasts in one TCP write, in order', async () => {
    const joined = [await join(['websocket']), await join(['websocket']), await join(['websocket'])];
    loopback.resetTaps();

    writeTogether(loopback.server, () => {
      for (const [event, payload] of events) loopback.server.emit(event, payload);
    });

    await until(() => joined.every(({ received }) => received.length === events.length));
    for (const { received } of joined) expect(received).toEqual(events.map(([event, payload]) => [event, payload]));
    expect(loopback.writes()).toEqual([1, 1, 1]);
  });

  it('is what it saves: the same broadcasts emitted plainly cost a client more than one write', async () => {
    const joined = await join(['websocket']);
    loopback.resetTaps();

    for (const [event, payload] of events) loopback.server.emit(event, payload);

    await until(() => joined.received.length === events.length);
    expect(joined.received).toHaveLength(events.length);
    expect(loopback.writes()[0]).toBeGreaterThan(1);
  });

  it('is what RealtimeService.toAllTogether does for a batch: one write per client; one event goes out as toAll would', async () => {
    const realtime = attachedRealtime();
    const joined = [await join(['websocket']), await join(['websocket'])];
    loopback.resetTaps();

    realtime.toAllTogether([
      [ServerEvent.MoodUpdated, { messageId: 'a', mood: 'happy', confidence: 0.9, status: 'done' }],
      [ServerEvent.MoodUpdated, { messageId: 'b', mood: 'sad', confidence: 0.8, status: 'done' }],
    ]);
    await until(() => joined.every(({ received }) => received.length === 2));
    expect(loopback.writes()).toEqual([1, 1]);
    expect(joined[0].received.map((event) => (event as [string, { messageId: string }])[1].messageId)).toEqual(['a', 'b']);

    realtime.toAllTogether([[ServerEvent.MoodUpdated, { messageId: 'c', mood: 'angry', confidence: 0.7, status: 'done' }]]);
    await until(() => joined.every(({ received }) => received.length === 3));
    for (const { received } of joined) expect(received[2]).toEqual([ServerEvent.MoodUpdated, { messageId: 'c', mood: 'angry', confidence: 0.7, status: 'done' }]);
  });

  it('holds toAllSoon events until the next broadcast is out, then sends them all in one write of their own', async () => {
    const realtime = attachedRealtime();
    const joined = [await join(['websocket']), await join(['websocket'])];
    loopback.resetTaps();

    const moods: Emission[] = [
      [ServerEvent.MoodUpdated, { messageId: 'a', mood: 'happy', confidence: 0.9, status: 'done' }],
      [ServerEvent.MoodUpdated, { messageId: 'b', mood: 'sad', confidence: 0.8, status: 'done' }],
    ];
    realtime.toAllSoon(moods, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(joined.map(({ received }) => received.length)).toEqual([0, 0]);
    expect(loopback.writes()).toEqual([0, 0]);

    const message = { id: 'c' } as never;
    realtime.toAllTogether([[ServerEvent.MessageNew, message]]);
    // Not in the same turn as the broadcast: the moods wait for the pause after it.
    expect(loopback.writes().every((writes) => writes <= 1)).toBe(true);
    await until(() => joined.every(({ received }) => received.length === 3));
    for (const { received } of joined) expect(received).toEqual([[ServerEvent.MessageNew, message], ...moods]);
    // The broadcast's write carries the message alone; the moods follow in one more.
    expect(loopback.writes()).toEqual([2, 2]);
  });

  it('sends toAllSoon events within the time given even while broadcasts keep coming', async () => {
    const realtime = attachedRealtime();
    const joined = await join(['websocket']);

    realtime.toAllSoon([[ServerEvent.MoodUpdated, happy]], 100);
    // A broadcast every millisecond for 400 ms: the line never goes quiet for QUIET_AFTER_BROADCAST_MS.
    let sent = 0;
    await new Promise<void>((resolve) => {
      const started = Date.now();
      const timer = setInterval(() => {
        realtime.toAllTogether([[ServerEvent.MessageNew, { id: `m${sent++}` } as never]]);
        if (Date.now() - started >= 400) {
          clearInterval(timer);
          resolve();
        }
      }, 1);
    });
    await until(() => joined.received.length === sent + 1);
    const at = joined.received.findIndex((event) => (event as [string])[0] === ServerEvent.MoodUpdated);
    expect(joined.received[at]).toEqual([ServerEvent.MoodUpdated, happy]);
    // Held past its deadline, it would have come only after the last message.
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(sent);
  });

  it('sends toAllSoon events on their own when no broadcast comes within the time given, and at once on shutdown', async () => {
    const realtime = attachedRealtime();
    const joined = await join(['websocket']);

    realtime.toAllSoon([[ServerEvent.MoodUpdated, happy]], 100);
    await until(() => joined.received.length === 1);
    expect(joined.received).toEqual([[ServerEvent.MoodUpdated, happy]]);

    realtime.toAllSoon([[ServerEvent.MoodUpdated, { ...happy, messageId: 'b' }]], 60_000);
    realtime.closeLocal(1000);
    await until(() => joined.received.length === 3);
    expect(joined.received.slice(1)).toEqual([
      [ServerEvent.MoodUpdated, { ...happy, messageId: 'b' }],
      [ServerEvent.ShuttingDown, { reconnectInMs: 1000 }],
    ]);
  });

  it('leaves long-polling clients and busy connections to engine.io, and they still get everything', async () => {
    const polling = await join(['polling']);
    const websocket = await join(['websocket']);

    // The first broadcast leaves the websocket connection mid-write when the second starts.
    loopback.server.emit(ServerEvent.MessageNew, { id: 'first' });
    writeTogether(loopback.server, () => {
      for (const [event, payload] of events) loopback.server.emit(event, payload);
    });

    const expected = [[ServerEvent.MessageNew, { id: 'first' }], ...events.map(([event, payload]) => [event, payload])];
    await until(() => polling.received.length === expected.length && websocket.received.length === expected.length);
    expect(polling.received).toEqual(expected);
    expect(websocket.received).toEqual(expected);
  });
});
