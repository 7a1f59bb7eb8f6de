import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import { DEFAULT_MOOD, Message, Mood, Scene, selectScene } from '@moodlobby/shared';
import { MessagesStore } from '../../lobby/data-access/messages.store';
import { SessionStore } from '../../lobby/data-access/session.store';
import { CharacterLook, characterLook } from './character-look';
import { VnAssetRegistry, backgroundUrl, characterUrl } from './vn-assets';

/** The background before the first line: the neutral set's first picture. */
export const IDLE_BACKGROUND = `${DEFAULT_MOOD}-1`;

/** How many recent lines the backlog keeps. */
export const BACKLOG_LINES = 100;

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

/**
 * The VN view's state, derived from the lobby session (provided by `VnComponent`, so it lives
 * as long as the view):
 *
 * - the **shown line** is the newest message: a new message takes the stage as it arrives;
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

  readonly line = computed<Message | null>(() => this.conversation.messages().at(-1) ?? null);

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

  private readonly shownBackground = signal<string | null>(untracked(() => this.scene()?.background ?? null));
  /** The background on screen: `<mood>-<n>`, throttled as described above. */
  readonly background = computed(() => this.shownBackground() ?? IDLE_BACKGROUND);

  /** The art to try for the background and the speaker; null when known missing. */
  readonly backgroundSrc = computed(() => this.assets.usable(backgroundUrl(this.background())));
  readonly characterSrc = computed(() => {
    const speaker = this.speaker();
    return speaker ? this.assets.usable(characterUrl(speaker.look.name, this.expression())) : null;
  });

  readonly backlog = computed(() => this.conversation.messages().slice(-BACKLOG_LINES));

  /** The newest line once it is new to this view (history already there is not read out). */
  private readonly firstLineId = untracked(() => this.line()?.id ?? null);
  readonly announcement = computed<Announcement | null>(
    () => {
      const line = this.line();
      if (!line || line.id === this.firstLineId) return null;
      return { id: line.id, text: `${line.nickname}: ${line.text}` };
    },
    { equal: (a, b) => a?.id === b?.id },
  );

  private pendingBackground: string | null = null;
  private windowTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    effect(() => {
      const target = this.scene()?.background ?? null;
      untracked(() => this.followBackground(target));
    });
    inject(DestroyRef).onDestroy(() => clearTimeout(this.windowTimer));
  }

  /** An image failed to load: draw the placeholder for it from now on. */
  markBroken(url: string): void {
    this.assets.markBroken(url);
  }

  private followBackground(target: string | null): void {
    if (target === null) return;
    if (this.shownBackground() === null) {
      this.shownBackground.set(target);
      return;
    }
    if (this.windowTimer === undefined && target === this.shownBackground()) return;
    this.pendingBackground = target;
    this.windowTimer ??= setTimeout(() => this.closeWindow(), this.session.vnBackgroundDebounceMs());
  }

  private closeWindow(): void {
    this.windowTimer = undefined;
    const target = this.pendingBackground;
    this.pendingBackground = null;
    if (target !== null && target !== this.shownBackground()) this.shownBackground.set(target);
  }
}
