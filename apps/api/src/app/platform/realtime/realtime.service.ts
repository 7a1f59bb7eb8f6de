import { Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';
import { ServerEvent, ServerToClientEvents } from '@moodlobby/shared';
import { broadcastFramed } from './framed-broadcast';
import { writeTogether } from './write-together';

type EventName = keyof ServerToClientEvents;

/** One event with its payload, as `toAllTogether` takes them. */
export type Emission = { [E in EventName]: [E, ...Parameters<ServerToClientEvents[E]>] }[EventName];

/**
 * The one handle services use to emit to every connected client, so chat, presence and the
 * inference worker don't need a gateway. The lobby gateway hands it the server at init.
 */
@Injectable()
export class RealtimeService {
  private server: Server<Record<string, never>, ServerToClientEvents> | null = null;
  /** Events `toAllSoon` holds for the next broadcast, and the timer that sends them if none comes. */
  private held: Emission[] = [];
  private heldTimer: NodeJS.Timeout | null = null;

  attach(server: Server): void {
    this.server = server;
  }

  toAll<E extends EventName>(event: E, ...payload: Parameters<ServerToClientEvents[E]>): void {
    // One event and nothing held goes out plainly; held events ride along.
    this.toAllTogether([[event, ...payload] as unknown as Emission]);
  }

  /**
   * Emits each event to every client, in order, as `toAll` would, but each client's frames go
   * out in one write: a group of messages or a batch of moods costs a client one system call,
   * not one per event. Each frame is built once and written straight to the idle websocket
   * connections (`broadcastFramed`); with the Redis adapter, where other processes must hear it
   * too, the broadcast goes through it with each connection's writes held together
   * (`writeTogether`). Events held by `toAllSoon` follow in the same write, after these: each
   * refers to an earlier message, and the new ones are what clients wait for.
   */
  toAllTogether(emissions: readonly Emission[]): void {
    const server = this.server;
    const all = emissions.concat(this.takeHeld());
    if (!server || all.length === 0) return;
    if (broadcastFramed(server, all)) return;
    const emitAll = () => {
      for (const [event, ...payload] of all) server.emit(event, ...(payload as Parameters<ServerToClientEvents[typeof event]>));
    };
    if (all.length === 1) emitAll();
    else writeTogether(server, emitAll);
  }

  /**
   * Emits these events with the next broadcast, in the same write to each client, or on their
   * own after `withinMs` if no broadcast comes sooner. For events that may wait a little (moods
   * while messages arrive faster than the worker's window): at such rates the next `message:new`
   * is due within milliseconds, and riding in its write saves each client a system call.
   */
  toAllSoon(emissions: readonly Emission[], withinMs: number): void {
    if (emissions.length === 0) return;
    this.held.push(...emissions);
    this.heldTimer ??= setTimeout(() => this.toAllTogether([]), withinMs);
  }

  /** Sends what `toAllSoon` holds now (shutdown). */
  flushHeld(): void {
    this.toAllTogether([]);
  }

  /** Hands over the events `toAllSoon` holds, and drops their timer. */
  private takeHeld(): Emission[] {
    if (this.heldTimer) clearTimeout(this.heldTimer);
    this.heldTimer = null;
    const held = this.held;
    this.held = [];
    return held;
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
