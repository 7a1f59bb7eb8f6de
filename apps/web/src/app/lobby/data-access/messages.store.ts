import { Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ClientEvent, DEFAULT_HISTORY_PAGE_SIZE, Message, ServerEvent } from '@moodlobby/shared';
import { MAX_MESSAGES_IN_MEMORY, applyMoodUpdate, mergeMessages } from './messages';
import { SessionStore } from './session.store';
import { SocketService } from './socket.service';

/** What lies before the oldest message held: unknown until asked, more, or the lobby's very beginning. */
export type Earlier = 'unknown' | 'more' | 'none';

interface MessagesState {
  /** Merged by id, oldest first, capped (except for what the user loaded on purpose). */
  messages: Message[];
  earlier: Earlier;
  /** A `history:before` is out and has no answer yet. */
  loadingEarlier: boolean;
  /** Why the last "load earlier" failed, if it did. */
  earlierError: string | null;
}

/** How long a page of history may take. */
export const HISTORY_ACK_TIMEOUT_MS = 10_000;

const INITIAL: MessagesState = { messages: [], earlier: 'unknown', loadingEarlier: false, earlierError: null };

/**
 * The conversation both views show: the history of each `session:ack` and every
 * `message:new`, merged by id (a reconnect's history fills what was missed), with moods
 * applied as they arrive; and older pages on request (`loadEarlier`, `history:before` with the
 * oldest message held as the cursor) until the lobby's very first message.
 */
@Injectable({ providedIn: 'root' })
export class MessagesStore {
  private readonly socket = inject(SocketService);

  // state
  private readonly state = signal<MessagesState>(INITIAL);

  // selectors
  readonly messages = computed(() => this.state().messages);
  readonly earlier = computed(() => this.state().earlier);
  readonly loadingEarlier = computed(() => this.state().loadingEarlier);
  readonly earlierError = computed(() => this.state().earlierError);

  constructor() {
    // reducers
    const session = inject(SessionStore);
    session.started$.pipe(takeUntilDestroyed()).subscribe(({ history }) => {
      this.add(history);
      // An empty history: the lobby has no messages yet, so nothing lies before.
      if (this.state().messages.length === 0) this.patch({ earlier: 'none' });
    });
    session.ended$.pipe(takeUntilDestroyed()).subscribe(() => this.state.set(INITIAL));
    this.socket
      .on(ServerEvent.MessageNew)
      .pipe(takeUntilDestroyed())
      .subscribe((m) => this.add([m]));
    this.socket
      .on(ServerEvent.MoodUpdated)
      .pipe(takeUntilDestroyed())
      .subscribe((u) => this.patch({ messages: applyMoodUpdate(this.state().messages, u) }));
  }

  // actions

  /** Merges messages in by id (an acknowledged send, a history). */
  add(messages: readonly Message[]): void {
    this.state.update((s) => {
      const merged = mergeMessages(s.messages, messages);
      // The cap pushed the oldest out: there is something before again.
      const dropped = merged.length < new Set([...s.messages, ...messages].map((m) => m.id)).size;
      return { ...s, messages: merged, earlier: dropped ? 'more' : s.earlier };
    });
  }

  /** Loads the page before the oldest message held (kept in memory over the cap: the user asked for it). */
  async loadEarlier(): Promise<void> {
    const { messages, loadingEarlier, earlier } = this.state();
    const oldest = messages[0];
    if (!oldest || loadingEarlier || earlier === 'none') return;
    this.patch({ loadingEarlier: true, earlierError: null });
    try {
      const ack = await this.socket.emitWithAck(
        ClientEvent.HistoryBefore,
        { beforeId: oldest.id, limit: DEFAULT_HISTORY_PAGE_SIZE },
        HISTORY_ACK_TIMEOUT_MS,
      );
      if (!ack.ok) {
        this.patch({ loadingEarlier: false, earlierError: 'Earlier messages could not be loaded: try again.' });
        return;
      }
      this.state.update((s) => ({
        ...s,
        messages: mergeMessages(s.messages, ack.messages, Math.max(MAX_MESSAGES_IN_MEMORY, s.messages.length + ack.messages.length)),
        earlier: ack.hasMore ? 'more' : 'none',
        loadingEarlier: false,
      }));
    } catch {
      this.patch({ loadingEarlier: false, earlierError: 'Earlier messages could not be loaded (no connection): try again.' });
    }
  }

  private patch(changes: Partial<MessagesState>): void {
    this.state.update((s) => ({ ...s, ...changes }));
  }
}
