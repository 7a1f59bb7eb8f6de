import { Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Message, ServerEvent } from '@moodlobby/shared';
import { applyMoodUpdate, mergeMessages } from './messages';
import { SessionStore } from './session.store';
import { SocketService } from './socket.service';

interface MessagesState {
  /** Merged by id, oldest first, capped. */
  messages: Message[];
}

/**
 * The conversation both views show: the history of each `session:ack` and every
 * `message:new`, merged by id (a reconnect's history fills what was missed), with moods
 * applied as they arrive.
 */
@Injectable({ providedIn: 'root' })
export class MessagesStore {
  // state
  private readonly state = signal<MessagesState>({ messages: [] });

  // selectors
  readonly messages = computed(() => this.state().messages);

  constructor() {
    const socket = inject(SocketService);
    // reducers
    inject(SessionStore)
      .started$.pipe(takeUntilDestroyed())
      .subscribe(({ history }) => this.add(history));
    socket
      .on(ServerEvent.MessageNew)
      .pipe(takeUntilDestroyed())
      .subscribe((m) => this.add([m]));
    socket
      .on(ServerEvent.MoodUpdated)
      .pipe(takeUntilDestroyed())
      .subscribe((u) => this.state.update((s) => ({ messages: applyMoodUpdate(s.messages, u) })));
  }

  /** Merges messages in by id (an acknowledged send, a history). */
  add(messages: readonly Message[]): void {
    this.state.update((s) => ({ messages: mergeMessages(s.messages, messages) }));
  }
}
