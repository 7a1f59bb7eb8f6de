import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import { DEFAULT_MOOD, Message, Mood, Scene, characterCount, selectScene } from '@moodlobby/shared';
import { MessagesStore } from '../../lobby/data-access/messages.store';
import { SessionStore } from '../../lobby/data-access/session.store';
import { CharacterLook, characterLook } from './character-look';
import { VnAssetRegistry, backgroundUrl, characterUrl } from './vn-assets';

/** The background before the first line: the neutral set's first picture. */
export const IDLE_BACKGROUND = `${DEFAULT_MOOD}-1`;

/** The shortest time a line stays on stage once typed out, before the next queued line plays. */
export const READING_PAUSE_MS = 1500;
/** Added per character to the reading pause, so longer lines stay longer… */
export const READING_MS_PER_CHARACTER = 45;
/** …up to this. */
export const READING_PAUSE_MAX_MS = 6000;

/** How long a typed-out line stays before the next queued one takes the stage. */
export function readingPauseMs(text: string): number {
  return Math.min(READING_PAUSE_MAX_MS, READING_PAUSE_MS + READING_MS_PER_CHARACTER * characterCount(text));
}

/** Who speaks the shown line. */
export interface Speaker {
  userId: string;
  nickname: string;
  isMe: boolean;
  look: CharacterLook;
}

/** What the live region says: one entry per new line. */
export interface Announcement {
  id: string;
  text: string;
}

interface VnState {
  /** The line on stage (a message id); null before the first line. */
  shownId: string | null;
  /** Lines that arrived while the stage was busy, oldest first: they play in turn. */
  queue: string[];
  /**
   * The stage may take a new line at once: its line is from the history the view opened with,
   * or it has been read (typed out and its reading pause over, or advanced past).
   */
  idle: boolean;
  /** The newest message this view has taken in; later ones in the conversation are new arrivals. */
  latestId: string | null;
  /** The background on screen (`<mood>-<n>`), throttled as described on the class. */
  background: string | null;
}

/**
 * The VN view's state, derived from the lobby conversation (provided by `VnComponent`, so it
 * lives as long as the view):
 *
 * - the **shown line**: on opening, the newest message; after that, new messages play in the
 *   order they arrive. A line that arrives while another is being typed or read waits in a
 *   **queue**; each line stays for a reading pause after it is typed out (`readingPauseMs`),
 *   then the next plays. `advance()` (a click, Space or Enter on a typed-out line) plays the
 *   next at once, `fastForward()` skips to the newest, `replay(id)` puts a backlog line back
 *   on stage;
 * - its **scene** is `selectScene(mood, seed)`; the expression follows every mood update at once;
 * - the **background** follows the scene through a trailing throttle (an "audit"): the first
 *   scene shows at once; after that, a change opens a window of `ui.vnBackgroundDebounceMs`, and
 *   when the window closes the background takes the latest scene (if it differs). So it changes
 *   at most once per window, a burst of updates ends on its last scene with nothing in between,
 *   and a steady stream of lines still moves it every window (a plain debounce would stall).
 */
@Injectable()
export class VnSceneStore {
  private readonly session = inject(SessionStore);
  private readonly conversation = inject(MessagesStore);
  private readonly assets = inject(VnAssetRegistry);

  // state
  private readonly state = signal<VnState>(untracked(() => this.initialState()));

  // selectors
  readonly line = computed<Message | null>(() => {
    const { shownId } = this.state();
    const messages = this.conversation.messages();
    return messages.find((m) => m.id === shownId) ?? null;
  });

  /** How many lines wait for the stage. */
  readonly queued = computed(() => this.state().queue.length);
  /** The stage is behind the conversation: a fast-forward would show something newer. */
  readonly behind = computed(() => {
    const newest = this.conversation.messages().at(-1)?.id ?? null;
    return this.state().queue.length > 0 || (newest !== null && newest !== this.state().shownId);
  });

  readonly speaker = computed<Speaker | null>(
    () => {
      const line = this.line();
      if (!line) return null;
      return {
        userId: line.userId,
        nickname: line.nickname,
        isMe: line.userId === this.session.user()?.id,
        look: characterLook(line.userId),
      };
    },
    { equal: (a, b) => a?.userId === b?.userId && a?.nickname === b?.nickname && a?.isMe === b?.isMe },
  );

  readonly scene = computed<Scene | null>(
    () => {
      const line = this.line();
      return line ? selectScene(line.mood, line.seed) : null;
    },
    { equal: (a, b) => a?.background === b?.background && a?.expression === b?.expression },
  );

  readonly expression = computed<Mood>(() => this.scene()?.expression ?? DEFAULT_MOOD);

  /** The background on screen: `<mood>-<n>`. */
  readonly background = computed(() => this.state().background ?? IDLE_BACKGROUND);

  /** The art to try for the background and the speaker; null when known missing. */
  readonly backgroundSrc = computed(() => this.assets.usable(backgroundUrl(this.background())));
  readonly characterSrc = computed(() => {
    const speaker = this.speaker();
    return speaker ? this.assets.usable(characterUrl(speaker.look.name, this.expression())) : null;
  });

  /** Every line in memory, oldest first (the conversation's cap bounds it). */
  readonly backlog = this.conversation.messages;

  /** The newest line once it is new to this view (history already there is not read out). */
  private readonly firstLineId = untracked(() => this.conversation.messages().at(-1)?.id ?? null);
  readonly announcement = computed<Announcement | null>(
    () => {
      const line = this.conversation.messages().at(-1) ?? null;
      if (!line || line.id === this.firstLineId) return null;
      return { id: line.id, text: `${line.nickname}: ${line.text}` };
    },
    { equal: (a, b) => a?.id === b?.id },
  );

  private pendingBackground: string | null = null;
  private windowTimer: ReturnType<typeof setTimeout> | undefined;
  private readingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    effect(() => {
      const messages = this.conversation.messages();
      untracked(() => this.onConversation(messages));
    });
    effect(() => {
      const target = this.scene()?.background ?? null;
      untracked(() => this.followBackground(target));
    });
    inject(DestroyRef).onDestroy(() => {
      clearTimeout(this.windowTimer);
      clearTimeout(this.readingTimer);
    });
  }

  // actions

  /** The shown line is typed out (or shown at once): after its reading pause, the next plays. */
  lineCompleted(lineId: string): void {
    const line = this.line();
    if (!line || line.id !== lineId) return;
    clearTimeout(this.readingTimer);
    this.readingTimer = setTimeout(() => this.lineRead(lineId), readingPauseMs(line.text));
  }

  /** The reader is done with the shown line: the next queued line plays now. */
  advance(): void {
    clearTimeout(this.readingTimer);
    const [next, ...rest] = this.state().queue;
    if (next === undefined) {
      this.patch({ idle: true });
      return;
    }
    this.patch({ shownId: next, queue: rest, idle: false });
  }

  /** Skips whatever waits: the newest line takes the stage. */
  fastForward(): void {
    clearTimeout(this.readingTimer);
    const newest = this.conversation.messages().at(-1)?.id ?? null;
    this.patch({ shownId: newest, queue: [], idle: false });
  }

  /** Puts a line from the backlog back on stage; what was queued still plays after it. */
  replay(messageId: string): void {
    if (!this.conversation.messages().some((m) => m.id === messageId)) return;
    clearTimeout(this.readingTimer);
    this.patch({ shownId: messageId, idle: false });
  }

  /** An image failed to load: draw the placeholder for it from now on. */
  markBroken(url: string): void {
    this.assets.markBroken(url);
  }

  // reducers

  /** New messages (after the newest this view took in) take the stage when it is free, or queue. */
  private onConversation(messages: readonly Message[]): void {
    const { latestId } = this.state();
    const index = latestId === null ? -1 : messages.findIndex((m) => m.id === latestId);
    if (latestId !== null && index === -1) {
      // The newest line we knew is gone from memory (it can only be pushed out by the cap): resync.
      this.patch({ latestId: messages.at(-1)?.id ?? null });
      return;
    }
    const arrived = messages.slice(index + 1).map((m) => m.id);
    if (arrived.length === 0) return;
    this.state.update((s) => {
      const queue = [...s.queue, ...arrived];
      const latest = arrived[arrived.length - 1];
      if (!s.idle || s.queue.length > 0) return { ...s, queue, latestId: latest };
      const [next, ...rest] = queue;
      return { ...s, shownId: next, queue: rest, idle: false, latestId: latest };
    });
  }

  private lineRead(lineId: string): void {
    if (this.state().shownId !== lineId) return;
    this.advance();
  }

  private followBackground(target: string | null): void {
    if (target === null) return;
    if (this.state().background === null) {
      this.patch({ background: target });
      return;
    }
    if (this.windowTimer === undefined && target === this.state().background) return;
    this.pendingBackground = target;
    this.windowTimer ??= setTimeout(() => this.closeWindow(), this.session.vnBackgroundDebounceMs());
  }

  private closeWindow(): void {
    this.windowTimer = undefined;
    const target = this.pendingBackground;
    this.pendingBackground = null;
    if (target !== null && target !== this.state().background) this.patch({ background: target });
  }

  private initialState(): VnState {
    const newest = this.conversation.messages().at(-1) ?? null;
    return {
      shownId: newest?.id ?? null,
      queue: [],
      idle: true,
      latestId: newest?.id ?? null,
      background: newest ? selectScene(newest.mood, newest.seed).background : null,
    };
  }

  private patch(changes: Partial<VnState>): void {
    this.state.update((s) => ({ ...s, ...changes }));
  }
}
