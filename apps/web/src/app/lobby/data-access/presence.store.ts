import { Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { PresenceUser, ServerEvent } from '@moodlobby/shared';
import { sameNameGroups } from '../../shared/util/identity';
import { SessionStore } from './session.store';
import { SocketService } from './socket.service';

interface PresenceState {
  /** Who is online, as the server last said (`session:ack`, then `presence:update`). */
  users: PresenceUser[];
}

/** Who is in the lobby right now. */
@Injectable({ providedIn: 'root' })
export class PresenceStore {
  // state
  private readonly state = signal<PresenceState>({ users: [] });

  // selectors
  readonly users = computed(() => this.state().users);
  /** Groups of online people whose nicknames read the same (someone may be posing as another). */
  readonly sameNames = computed(() => sameNameGroups(this.state().users));

  constructor() {
    // reducers
    const session = inject(SessionStore);
    session.started$.pipe(takeUntilDestroyed()).subscribe(({ presence }) => this.state.set({ users: presence }));
    session.ended$.pipe(takeUntilDestroyed()).subscribe(() => this.state.set({ users: [] }));
    inject(SocketService)
      .on(ServerEvent.PresenceUpdate)
      .pipe(takeUntilDestroyed())
      .subscribe(({ users }) => this.state.set({ users }));
  }
}
