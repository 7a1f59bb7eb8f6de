import { Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';
import { ServerEvent, ServerToClientEvents } from '@moodlobby/shared';
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

  attach(server: Server): void {
    this.server = server;
  }

  toAll<E extends EventName>(event: E, ...payload: Parameters<ServerToClientEvents[E]>): void {
    this.server?.emit(event, ...payload);
  }

  /**
   * Emits each event to every client, in order, as `toAll` would, but each client's frames go
   * out in one write (see `writeTogether`): a group of messages or a batch of moods costs a
   * client one system call, not one per event.
   */
  toAllTogether(emissions: readonly Emission[]): void {
    const server = this.server;
    if (!server || emissions.length === 0) return;
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
    server.engine.opts.allowRequest = (_req, callback) => callback('server shutting down', false);
    server.local.emit(ServerEvent.ShuttingDown, { reconnectInMs });
    server.local.disconnectSockets(true);
  }
}
