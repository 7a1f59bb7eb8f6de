import { io, Socket } from 'socket.io-client';
import {
  ClientEvent,
  ClientToServerEvents,
  MessageSendAck,
  MessageSendPayload,

  ServerToClientEvents,
  SessionAckPayload,
  SessionStartAck,
} from '@moodlobby/shared';

type Received = { event: string; payload: unknown; at: number };

/**
 * A real Socket.IO client that records every event it receives, so a test can wait for an
 * event that may already have arrived without racing it.
 */
export class LobbyClient {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly received: Received[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(url: string, options: { autoConnect?: boolean } = {}) {
    this.socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false });
    this.socket.onAny((event: string, payload: unknown) => this.record(event, payload));
    if (options.autoConnect !== false) this.socket.connect();
  }

  static async connect(url: string): Promise<LobbyClient> {
    const client = new LobbyClient(url);
    await client.connected();
    return client;
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  /** `session:start`, resolved with the `session:ack` payload (fails on an error ack). */
  async start(nickname: string, token?: string): Promise<SessionAckPayload> {
    const ack = await this.emitWithAck(ClientEvent.SessionStart, token === undefined ? { nickname } : { nickname, token });
    const result = ack as SessionStartAck;
    if (!result.ok) throw new Error(`session:start refused: ${JSON.stringify(result)}`);
    const { ok: _ok, ...payload } = result;
    return payload;
  }

  send(payload: MessageSendPayload | unknown): Promise<MessageSendAck> {
    return this.emitWithAck(ClientEvent.MessageSend, payload) as Promise<MessageSendAck>;
  }

  /** Emits any event with any arguments and resolves with the ack. */
  emitWithAck(event: string, ...args: unknown[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${event} within 10 s`)), 10_000);
      (this.socket.emit as (event: string, ...rest: unknown[]) => void)(event, ...args, (answer: unknown) => {
        clearTimeout(timer);
        resolve(answer);
      });
    });
  }

  /** Events of one name received so far. */
  all<T = unknown>(event: string): T[] {
    return this.received.filter((r) => r.event === event).map((r) => r.payload as T);
  }

  /** Waits for (or finds) the first event of this name, after `since`, matching `predicate`. */
  waitFor<T = unknown>(event: string, predicate: (payload: T) => boolean = () => true, timeoutMs = 10_000, since = 0): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = this.received.find((r, i) => i >= since && r.event === event && predicate(r.payload as T));
        if (!hit) return false;
        this.waiters.delete(check as () => void);
        clearTimeout(timer);
        resolve(hit.payload as T);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check as () => void);
        reject(new Error(`no ${event} matching within ${timeoutMs} ms; got: ${this.received.map((r) => r.event).join(', ')}`));
      }, timeoutMs);
      if (!check()) this.waiters.add(check as () => void);
    });
  }

  /** Resolves when nothing new arrived for `quietMs` (to assert the absence of an event). */
  async settle(quietMs = 300): Promise<void> {
    let count = -1;
    while (count !== this.received.length) {
      count = this.received.length;
      await new Promise((resolve) => setTimeout(resolve, quietMs));
    }
  }

  close(): void {
    this.socket.disconnect();
  }

  private record(event: string, payload: unknown): void {
    this.received.push({ event, payload, at: Date.now() });
    for (const waiter of [...this.waiters]) waiter();
  }
}

