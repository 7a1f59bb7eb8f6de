import { TestBed } from '@angular/core/testing';
import { ServerEvent, SessionAckPayload } from '@moodlobby/shared';
import { MessagesStore } from '../app/lobby/data-access/messages.store';
import { NoticesStore } from '../app/lobby/data-access/notices.store';
import { openLobby } from '../app/lobby/data-access/open-lobby';
import { OutboxStore } from '../app/lobby/data-access/outbox.store';
import { PresenceStore } from '../app/lobby/data-access/presence.store';
import { SessionStore } from '../app/lobby/data-access/session.store';
import { SocketService } from '../app/lobby/data-access/socket.service';
import type { FakeSocketService } from './fake-socket.service';
import { aSessionAck } from './fixtures';

export interface Lobby {
  session: SessionStore;
  messages: MessagesStore;
  outbox: OutboxStore;
  presence: PresenceStore;
  notices: NoticesStore;
}

/** Opens the lobby as the app does (every store listening, then connect) on a fake socket. */
export function openTestLobby(socket: FakeSocketService): Lobby {
  TestBed.configureTestingModule({ providers: [{ provide: SocketService, useValue: socket }] });
  TestBed.runInInjectionContext(openLobby);
  return {
    session: TestBed.inject(SessionStore),
    messages: TestBed.inject(MessagesStore),
    outbox: TestBed.inject(OutboxStore),
    presence: TestBed.inject(PresenceStore),
    notices: TestBed.inject(NoticesStore),
  };
}

/** A lobby that has joined as Ada (token-1) on a live connection. */
export function joinedTestLobby(socket: FakeSocketService, ack: SessionAckPayload = aSessionAck()): Lobby {
  const lobby = openTestLobby(socket);
  socket.setStatus('connected');
  lobby.session.join('Ada');
  socket.serverEmit(ServerEvent.SessionAck, ack);
  return lobby;
}
