import { Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';
import { ServerEvent, ServerToClientEvents } from '@moodlobby/shared';
import { broadcastFramed } from './framed-broadcast';
import { writeTogether } from './write-together';

type EventName = keyof ServerToClientEvents;
type LobbyServer = Server<Record<string, never>, ServerToClientEvents>;

/** One event with its payload, as `toAllTogether` takes them. */
export type Emission = { [E in EventName]: [E, ...Parameters<ServerToClientEvents[E]>] }[EventName];

/**
 * How long events held by `toAllSoon` wait after a broadcast before they go: long enough for the
 * broadcast's writes, and its clients' reads of them, to be over; short against the time between
 * messages at the rates where events are held (10 ms at 100 messages/s).
 */
export const QUIET_AFTER_BROADCAST_MS = 3;

/**
 * The one handle services use to emit to every connected client, so chat, presence and the
 * inference worker don't need a gateway. The lobby gateway hands it the server at init.
 */
@Injectable()
export class RealtimeService {
  private server: LobbyServer | null = null;
  /** Events `toAllSoon` holds, when they must go at the latest (`performance.now()`), and the timer that sends them. */
  private held: Emission[] = [];
  private heldDeadline = 0;
  private heldTimer: NodeJS.Timeout | null = null;

  attach(server: Server): void {
    this.server = server;
  }

  toAll<E extends EventName>(event: E, ...payload: Parameters<ServerToClientEvents[E]>): void {
    this.toAllTogether([[event, ...payload] as unknown as Emission]);
  }

  /**
   * Emits each event to every client, in order, as `toAll` would, but each client's frames go
   * out in one write: a group of messages or a batch of moods costs a client one system call,
   * not one per event. Each frame is built once and written straight to the idle websocket
   * connections (`broadcastFramed`); with the Redis adapter, where other processes must hear it
   * too, the broadcast goes through it with each connection's writes held together
   * (`writeTogether`). Events held by `toAllSoon` are not part of it: they go a moment later.
   */
  toAllTogether(emissions: readonly Emission[]): void {
    const server = this.server;
    if (!server || emissions.length === 0) return;
    this.broadcast(server, emissions);
    if (this.held.length > 0) this.sendHeldIn(QUIET_AFTER_BROADCAST_MS);
  }

  /**
   * Emits these events together, on their own, once the broadcasts around them are out of the
   * way: `QUIET_AFTER_BROADCAST_MS` after the next broadcast (each later one puts them back as
   * far), and within `withinMs` whatever comes. For events that may wait a little (moods while
   * messages arrive faster than the worker's window): the next `message:new` is then due within
   * milliseconds, and sent inside its broadcast they would lengthen it, for the server and for
   * any client that reads them before the messages behind them. In the pause after it, one
   * write to each client carries them all.
   */
  toAllSoon(emissions: readonly Emission[], withinMs: number): void {
    if (emissions.length === 0) return;
    const deadline = performance.now() + withinMs;
    if (this.held.length === 0 || deadline < this.heldDeadline) {
      this.heldDeadline = deadline;
      this.sendHeldIn(withinMs);
    }
    this.held.push(...emissions);
  }

  /** Sends what `toAllSoon` holds now (shutdown). */
  flushHeld(): void {
    if (this.heldTimer) clearTimeout(this.heldTimer);
    this.heldTimer = null;
    const held = this.held;
    this.held = [];
    if (this.server && held.length > 0) this.broadcast(this.server, held);
  }

  /** (Re)sets the held events' timer to `ms` from now, never past their deadline. */
  private sendHeldIn(ms: number): void {
    if (this.heldTimer) clearTimeout(this.heldTimer);
    const wait = Math.max(0, Math.min(ms, this.heldDeadline - performance.now()));
    this.heldTimer = setTimeout(() => this.flushHeld(), wait);
  }

  private broadcast(server: LobbyServer, emissions: readonly Emission[]): void {
    if (broadcastFramed(server, emissions)) return;
    const emitAll = () => {
      for (const [event, ...payload] of emissions) server.emit(event, ...(payload as Parameters<ServerToClientEvents[typeof event]>));
    };
    if (emissions.length === 1) emitAll();
    else writeTogether(server, emitAll);
  }

  /** Sockets connected to this process. */
  localSocketCount(): number {
    return this.server?.sockets.sockets.size ?? 0;
  }

  /**
   * Shutdown: refuse new handshakes, tell this process's clients to come back in a moment, and
   * close their sockets (their disconnect handlers run as usual). Other processes are untouched.
   */
  closeLocal(reconnectInMs: number): void {
    const server = this.server;
    if (!server) return;
    this.flushHeld();
    server.engine.opts.allowRequest = (_req, callback) => callback('server shutting down', false);
    server.local.emit(ServerEvent.ShuttingDown, { reconnectInMs });
    server.local.disconnectSockets(true);
  }
}
