import { Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';
import type { ServerToClientEvents } from '@moodlobby/shared';

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

  /** Local sockets of this process (for shutdown). */
  localSocketCount(): number {
    return this.server?.sockets.sockets.size ?? 0;
  }
}
