import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { MoodUpdatedPayload, ServerEvent } from '@moodlobby/shared';
import { Emission, RealtimeService } from './realtime.service';
import { writeTogether } from './write-together';

/** Counts the TCP writes (system calls) the server makes on a connection. */
function countWrites(socket: Socket): { writes: number } {
  const counter = { writes: 0 };
  const tcp = (socket.conn.transport as unknown as { socket: { _socket: Record<string, (...args: unknown[]) => unknown> } }).socket._socket;
  for (const method of ['_write', '_writev']) {
    const original = tcp[method].bind(tcp);
    tcp[method] = (...args: unknown[]) => {
      counter.writes += 1;
      return original(...args);
    };
  }
  return counter;
}

describe('writeTogether (real Socket.IO server and clients on loopback)', () => {
  let http: HttpServer;
  let server: Server;
  let url: string;
  const clients: ClientSocket[] = [];
  const counters = new Map<string, { writes: number }>();

  beforeEach(async () => {
    http = createServer();
    server = new Server(http);
    server.on('connection', (socket) => {
      if (socket.conn.transport.name === 'websocket') counters.set(socket.id, countWrites(socket));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    counters.clear();
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

  const events = [
    [ServerEvent.MessageNew, { id: 'a' }],
    [ServerEvent.MoodUpdated, { messageId: 'a', mood: 'happy' }],
    [ServerEvent.MessageNew, { id: 'b' }],
  ] as const;

  it('writes every websocket client its share of several broadcasts in one TCP write, in order', async () => {
    const joined = [await join(['websocket']), await join(['websocket']), await join(['websocket'])];
    for (const counter of counters.values()) counter.writes = 0;

    writeTogether(server, () => {
      for (const [event, payload] of events) server.emit(event, payload);
    });

    await until(() => joined.every(({ received }) => received.length === events.length));
    for (const { received } of joined) expect(received).toEqual(events.map(([event, payload]) => [event, payload]));
    expect([...counters.values()].map((counter) => counter.writes)).toEqual([1, 1, 1]);
  });

  it('is what it saves: the same broadcasts emitted plainly cost a client more than one write', async () => {
    const joined = await join(['websocket']);
    const [counter] = counters.values();
    counter.writes = 0;

    for (const [event, payload] of events) server.emit(event, payload);

    await until(() => joined.received.length === events.length);
    expect(joined.received).toHaveLength(events.length);
    expect(counter.writes).toBeGreaterThan(1);
  });

  it('is what RealtimeService.toAllTogether does for a batch: one write per client; one event goes out as toAll would', async () => {
    const realtime = new RealtimeService();
    realtime.attach(server);
    const joined = [await join(['websocket']), await join(['websocket'])];
    for (const counter of counters.values()) counter.writes = 0;

    realtime.toAllTogether([
      [ServerEvent.MoodUpdated, { messageId: 'a', mood: 'happy', confidence: 0.9, status: 'done' }],
      [ServerEvent.MoodUpdated, { messageId: 'b', mood: 'sad', confidence: 0.8, status: 'done' }],
    ]);
    await until(() => joined.every(({ received }) => received.length === 2));
    expect([...counters.values()].map((counter) => counter.writes)).toEqual([1, 1]);
    expect(joined[0].received.map((event) => (event as [string, { messageId: string }])[1].messageId)).toEqual(['a', 'b']);

    realtime.toAllTogether([[ServerEvent.MoodUpdated, { messageId: 'c', mood: 'angry', confidence: 0.7, status: 'done' }]]);
    await until(() => joined.every(({ received }) => received.length === 3));
    for (const { received } of joined) expect(received[2]).toEqual([ServerEvent.MoodUpdated, { messageId: 'c', mood: 'angry', confidence: 0.7, status: 'done' }]);
  });

  it('holds toAllSoon events for the next broadcast, which carries them in its write to each client', async () => {
    const realtime = new RealtimeService();
    realtime.attach(server);
    const joined = [await join(['websocket']), await join(['websocket'])];
    for (const counter of counters.values()) counter.writes = 0;

    const moods: Emission[] = [
      [ServerEvent.MoodUpdated, { messageId: 'a', mood: 'happy', confidence: 0.9, status: 'done' }],
      [ServerEvent.MoodUpdated, { messageId: 'b', mood: 'sad', confidence: 0.8, status: 'done' }],
    ];
    realtime.toAllSoon(moods, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(joined.map(({ received }) => received.length)).toEqual([0, 0]);
    expect([...counters.values()].map((counter) => counter.writes)).toEqual([0, 0]);

    const message = { id: 'c' } as never;
    realtime.toAllTogether([[ServerEvent.MessageNew, message]]);
    await until(() => joined.every(({ received }) => received.length === 3));
    for (const { received } of joined) expect(received).toEqual([[ServerEvent.MessageNew, message], ...moods]);
    expect([...counters.values()].map((counter) => counter.writes)).toEqual([1, 1]);
  });

  it('sends toAllSoon events on their own when no broadcast comes within the time given, and at once on shutdown', async () => {
    const realtime = new RealtimeService();
    realtime.attach(server);
    const joined = await join(['websocket']);

    const mood: MoodUpdatedPayload = { messageId: 'a', mood: 'happy', confidence: 0.9, status: 'done' };
    realtime.toAllSoon([[ServerEvent.MoodUpdated, mood]], 100);
    await until(() => joined.received.length === 1);
    expect(joined.received).toEqual([[ServerEvent.MoodUpdated, mood]]);

    realtime.toAllSoon([[ServerEvent.MoodUpdated, { ...mood, messageId: 'b' }]], 60_000);
    realtime.closeLocal(1000);
    await until(() => joined.received.length === 3);
    expect(joined.received.slice(1)).toEqual([
      [ServerEvent.MoodUpdated, { ...mood, messageId: 'b' }],
      [ServerEvent.ShuttingDown, { reconnectInMs: 1000 }],
    ]);
  });

  it('leaves long-polling clients and busy connections to engine.io, and they still get everything', async () => {
    const polling = await join(['polling']);
    const websocket = await join(['websocket']);

    // The first broadcast leaves the websocket connection mid-write when the second starts.
    server.emit(ServerEvent.MessageNew, { id: 'first' });
    writeTogether(server, () => {
      for (const [event, payload] of events) server.emit(event, payload);
    });

    const expected = [[ServerEvent.MessageNew, { id: 'first' }], ...events.map(([event, payload]) => [event, payload])];
    await until(() => polling.received.length === expected.length && websocket.received.length === expected.length);
    expect(polling.received).toEqual(expected);
    expect(websocket.received).toEqual(expected);
  });
});
