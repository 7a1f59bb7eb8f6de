import { ServerEvent } from '@moodlobby/shared';
import { LoopbackSocketIo, until } from '../../../testing/loopback-socket-io';
import { broadcastFramed, textFrame } from './framed-broadcast';

describe('broadcastFramed (real Socket.IO server and clients on loopback)', () => {
  const loopback = LoopbackSocketIo.perTest();
  const join = (transports: ('websocket' | 'polling')[]) => loopback.join(transports);

  const events = [
    [ServerEvent.MessageNew, { id: 'a', text: 'héllo 👋', createdAt: new Date(0) }],
    [ServerEvent.MoodUpdated, { messageId: 'a', mood: 'happy', confidence: 0.9, status: 'done' }],
    [ServerEvent.MessageNew, { id: 'b', text: 'x'.repeat(70_000) }],
  ] as const;

  it('writes every websocket client the bytes server.emit would, all events in one TCP write', async () => {
    const joined = [await join(['websocket']), await join(['websocket'])];

    // The ordinary way, one event at a time, each write finished before the next.
    loopback.resetTaps();
    for (const [event, payload] of events) {
      const before = joined[0].received.length;
      loopback.server.emit(event, payload);
      await until(() => joined.every(({ received }) => received.length === before + 1));
    }
    const ordinary = [...loopback.taps.values()].map((tap) => Buffer.concat(tap.bytes));

    loopback.resetTaps();
    expect(broadcastFramed(loopback.server, events)).toBe(true);
    await until(() => joined.every(({ received }) => received.length === 2 * events.length));

    expect(loopback.writes()).toEqual([1, 1]);
    expect([...loopback.taps.values()].map((tap) => Buffer.concat(tap.bytes))).toEqual(ordinary);
    const expected = events.map(([event, payload]) => [event, JSON.parse(JSON.stringify(payload))]);
    for (const { received } of joined) expect(received).toEqual([...expected, ...expected]);
  });

  it('leaves long-polling clients and connections mid-write to engine.io, and they get everything in order', async () => {
    const polling = await join(['polling']);
    const websocket = await join(['websocket']);

    // The first broadcast leaves the websocket connection mid-write, the second waits in
    // engine.io's buffer behind it, and the framed one must come after both.
    loopback.server.emit(ServerEvent.MessageNew, { id: 'first' });
    loopback.server.emit(ServerEvent.MessageNew, { id: 'second' });
    expect(broadcastFramed(loopback.server, events)).toBe(true);

    const expected = [[ServerEvent.MessageNew, { id: 'first' }], [ServerEvent.MessageNew, { id: 'second' }], ...events.map(([event, payload]) => [event, JSON.parse(JSON.stringify(payload))])];
    await until(() => polling.received.length === expected.length && websocket.received.length === expected.length);
    expect(polling.received).toEqual(expected);
    expect(websocket.received).toEqual(expected);
  });

  it('declines, sending nothing, where a broadcast is more than this process’s plain packets', async () => {
    const joined = await join(['websocket']);
    loopback.resetTaps();

    // Binary data: Socket.IO sends it as attachments, not as one text frame.
    expect(broadcastFramed(loopback.server, [[ServerEvent.MessageNew, { id: 'bin', blob: Buffer.from([1, 2, 3]) }]])).toBe(false);
    // Another adapter (as the Redis one is): other processes must hear it too.
    const Adapter = loopback.server.sockets.adapter.constructor as new (...args: unknown[]) => object;
    (loopback.server.sockets as unknown as { adapter: unknown }).adapter = new (class RemoteAdapter extends Adapter {})(loopback.server.sockets);
    expect(broadcastFramed(loopback.server, events)).toBe(false);

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(joined.received).toEqual([]);
    expect(loopback.writes()).toEqual([0]);
  });

  it('frames any length as RFC 6455 says: 7-bit, 16-bit and 64-bit lengths', () => {
    for (const [length, header] of [
      [125, [0x81, 125]],
      [126, [0x81, 126, 0, 126]],
      [65_535, [0x81, 126, 0xff, 0xff]],
      [65_536, [0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0]],
    ] as const) {
      const payload = Buffer.alloc(length, 0x61);
      const frame = textFrame(payload);
      expect([...frame.subarray(0, header.length)]).toEqual(header);
      expect(frame.subarray(header.length)).toEqual(payload);
    }
  });
});
