import { inject } from '@angular/core';
import { MessagesStore } from './messages.store';
import { NoticesStore } from './notices.store';
import { OutboxStore } from './outbox.store';
import { PresenceStore } from './presence.store';
import { SessionStore } from './session.store';

/**
 * Opens the lobby's connection, once every lobby store is listening: a store created after the
 * first `session:ack` would miss its history and presence. Call it where the lobby is shown (in
 * an injection context); pages outside the lobby never do, so they never connect.
 */
export function openLobby(): SessionStore {
  inject(MessagesStore);
  inject(PresenceStore);
  inject(NoticesStore);
  inject(OutboxStore);
  const session = inject(SessionStore);
  session.open();
  return session;
}
