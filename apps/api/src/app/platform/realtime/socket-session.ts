import type { Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, Variant } from '@moodlobby/shared';

/** What a socket remembers once `session:start` succeeded. */
export interface SocketSession {
  userId: string;
  nickname: string;
  variant: Variant;
  visitId: string;
  visitStartedAt: Date;
}

export interface SocketData {
  session?: SocketSession;
}

export type LobbySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
