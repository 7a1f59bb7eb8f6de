import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';

/** What a tap saw the server write on one connection's TCP socket. */
export interface WriteTap {
  /** Writes (system calls) since the last reset. */
  writes: number;
  /** The bytes of those writes, in order. */
  bytes: Buffer[];
}

/** A client that joined, and the events it received, as [event, payload]. */
export interface Joined {
  client: ClientSocket;
  received: unknown[];
}

/**
 * A real Socket.IO server on 127.0.0.1 with real clients, for specs about what goes over the
 * wire: every websocket connection's TCP writes are tapped (`taps`, by socket id). One per
 * describe block, started before each test and closed after it.
 */
export class LoopbackSocketIo {
  readonly taps = new Map<string, WriteTap>();
  private readonly clients: ClientSocket[] = [];
  private started: { server: Server; url: string } | null = null;

  /** Starts a LoopbackSocketIo before each test of the calling describe block and closes it after each. */
  static perTest(): LoopbackSocketIo {
    const loopback = new LoopbackSocketIo();
    beforeEach(() => loopback.start());
    afterEach(() => loopback.close());
    return loopback;
  }

  get server(): Server {
    return this.current().server;
  }

  async start(): Promise<void> {
    const http = createServer();
    const server = new Server(http);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    server.on('connection', (socket) => {
      if (socket.conn.transport.name === 'websocket') this.taps.set(socket.id, tapWrites(socket));
    });
    this.started = { server, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
  }

  /** A client connected over `transports` (no upgrade), once the server has finished writing the handshake. */
  async join(transports: ('websocket' | 'polling')[]): Promise<Joined> {
    const client = connect(this.current().url, { transports, upgrade: false, forceNew: true });
    this.clients.push(client);
    const received: unknown[] = [];
    client.onAny((event: string, payload: unknown) => received.push([event, payload]));
    await new Promise<void>((resolve, reject) => {
      client.once('connect', resolve);
      client.once('connect_error', reject);
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { client, received };
  }

  /** Every tap back to nothing seen. */
  resetTaps(): void {
    for (const tap of this.taps.values()) {
      tap.writes = 0;
      tap.bytes = [];
    }
  }

  /** Writes per tapped connection, in the order they connected. */
  writes(): number[] {
    return [...this.taps.values()].map((tap) => tap.writes);
  }

  async close(): Promise<void> {
    for (const client of this.clients.splice(0)) client.disconnect();
    this.taps.clear();
    const server = this.started?.server;
    this.started = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private current(): { server: Server; url: string } {
    if (!this.started) throw new Error('LoopbackSocketIo: not started (use perTest() in the describe block)');
    return this.started;
  }
}

/** Waits until `check` holds, for at most about a second. */
export async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Records what the server writes on a websocket connection's TCP socket: each write, and all bytes. */
function tapWrites(socket: Socket): WriteTap {
  const tap: WriteTap = { writes: 0, bytes: [] };
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
