import { Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';
import { ServerEvent, ServerToClientEvents } from '@moodlobby/shared';

type EventName = keyof ServerToClientEvents;

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
