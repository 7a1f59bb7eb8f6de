import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { ServerEvent } from '@moodlobby/shared';
import { broadcastFramed, textFrame } from './framed-broadcast';

/** Records what the server writes on a websocket connection's TCP socket: each write, and all bytes. */
function tapWrites(socket: Socket): { writes: number; bytes: Buffer[] } {
  const tap = { writes: 0, bytes: [] as Buffer[] };
  const tcp = (socket.conn.transport as unknown as { socket: { _socket: Record<string, (...args: unknown[]) => unknown> } }).socket._socket;
  const write = tcp._write.bind(tcp);
  const writev = tcp._writev.bind(tcp);
  tcp._write = (chunk: unknown, ...rest: unknown[]) => {
    tap.writes += 1;
    tap.bytes.push(Buffer.from(chunk as Buffer));
    return write(chunk, ...rest);
  };
  tcp._writev = (chunks: unknown, ...rest: unknown[]) => {
    tap.writes += 1;
    for (const { chunk } of chunks as { chunk: Buffer }[]) tap.bytes.push(Buffer.from(chunk));
    return writev(chunks, ...rest);
  };
  return tap;
}

describe('broadcastFramed (real Socket.IO server and clients on loopback)', () => {
  let http: HttpServer;
  let server: Server;
  let url: string;
  const clients: ClientSocket[] = [];
  const taps = new Map<string, { writes: number; bytes: Buffer[] }>();

  beforeEach(async () => {
    http = createServer();
    server = new Server(http);
    server.on('connection', (socket) => {
      if (socket.conn.transport.name === 'websocket') taps.set(socket.id, tapWrites(socket));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    taps.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function join(transports: ('websocket' | 'polling')[]): Promise<{ client: ClientSocket; received: unknown[] }> {
    const client = connect(url, { transports, upgrade: false, forceNew: true });
    clients.push(client);
    const received: unknown[] = [];
    client.onAny((event: string, payload: unknown) => received.push([event, payload]));
    await new Promise<void>((resolve, reject) => {
      client.once('connect', resolve);
      client.once('connect_error', reject);
    });
    // Let the server finish writing the handshake before counting.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { client, received };
  }

  async function until(check: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  function resetTaps(): void {
    for (const tap of taps.values()) {
      tap.writes = 0;
      tap.bytes = [];
    }
  }

  const events = [
    [ServerEvent.MessageNew, { id: 'a', text: 'héllo 👋', createdAt: new Date(0) }],
    [ServerEvent.MoodUpdated, { messageId: 'a', mood: 'happy', confidence: 0.9, status: 'done' }],
    [ServerEvent.MessageNew, { id: 'b', text: 'x'.repeat(70_000) }],
  ] as const;

  it('writes every websocket client the bytes server.emit would, all events in one TCP write', async () => {
    const joined = [await join(['websocket']), await join(['websocket'])];

    // The ordinary way, one event at a time, each write finished before the next.
    resetTaps();
    for (const [event, payload] of events) {
      const before = joined[0].received.length;
      server.emit(event, payload);
      await until(() => joined.every(({ received }) => received.length === before + 1));
    }
    const ordinary = [...taps.values()].map((tap) => Buffer.concat(tap.bytes));

    resetTaps();
    expect(broadcastFramed(server, events)).toBe(true);
    await until(() => joined.every(({ received }) => received.length === 2 * events.length));

    expect([...taps.values()].map((tap) => tap.writes)).toEqual([1, 1]);
    expect([...taps.values()].map((tap) => Buffer.concat(tap.bytes))).toEqual(ordinary);
    const expected = events.map(([event, payload]) => [event, JSON.parse(JSON.stringify(payload))]);
    for (const { received } of joined) expect(received).toEqual([...expected, ...expected]);
  });

  it('leaves long-polling clients and connections mid-write to engine.io, and they get everything in order', async () => {
    const polling = await join(['polling']);
    const websocket = await join(['websocket']);

    // The first broadcast leaves the websocket connection mid-write, the second waits in
    // engine.io's buffer behind it, and the framed one must come after both.
    server.emit(ServerEvent.MessageNew, { id: 'first' });
    server.emit(ServerEvent.MessageNew, { id: 'second' });
    expect(broadcastFramed(server, events)).toBe(true);

    const expected = [[ServerEvent.MessageNew, { id: 'first' }], [ServerEvent.MessageNew, { id: 'second' }], ...events.map(([event, payload]) => [event, JSON.parse(JSON.stringify(payload))])];
    await until(() => polling.received.length === expected.length && websocket.received.length === expected.length);
    expect(polling.received).toEqual(expected);
    expect(websocket.received).toEqual(expected);
  });

  it('declines, sending nothing, where a broadcast is more than this process’s plain packets', async () => {
    const joined = await join(['websocket']);
    resetTaps();

    // Binary data: Socket.IO sends it as attachments, not as one text frame.
    expect(broadcastFramed(server, [[ServerEvent.MessageNew, { id: 'bin', blob: Buffer.from([1, 2, 3]) }]])).toBe(false);
    // Another adapter (as the Redis one is): other processes must hear it too.
    const Adapter = server.sockets.adapter.constructor as new (...args: unknown[]) => object;
    (server.sockets as unknown as { adapter: unknown }).adapter = new (class RemoteAdapter extends Adapter {})(server.sockets);
    expect(broadcastFramed(server, events)).toBe(false);

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(joined.received).toEqual([]);
    expect([...taps.values()].map((tap) => tap.writes)).toEqual([0]);
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
