import { ChangeDetectionStrategy, Component, computed, effect, input, linkedSignal, output, untracked } from '@angular/core';
import { moodStatusLabel } from '../../shared/util/mood-status';
import type { Mood, MoodStatus } from '@moodlobby/shared';
import { graphemes } from '../../shared/util/graphemes';
import { identityMark } from '../../shared/util/identity';

/** One typewriter step every this many ms. */
export const TYPEWRITER_STEP_MS = 30;
/** A line takes at most this many steps (long lines reveal several characters per step). */
export const TYPEWRITER_MAX_STEPS = 80;

/**
 * The VN dialogue box: the speaker's name plate, the mood tag and the line, revealed like a
 * typewriter. A click, Space or Enter on the box completes the reveal, and on a typed-out line
 * asks for the next one (`advance`); with `instant` (reduced motion) the line shows at once. The
 * reveal restarts only for a new line (`lineId`), not when the same line's mood changes; each
 * line reports once when it is typed out (`completed`). While lines wait (`queued`), the box
 * says how many and offers a fast-forward to the newest. Keys are handled on the box itself,
 * so typing elsewhere is untouched.
 */
@Component({
  selector: 'ml-dialogue-box',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[style.--plate]': 'accent()' },
  template: `
    <div
      class="box"
      tabindex="0"
      role="group"
      aria-roledescription="dialogue"
      [attr.aria-label]="speaker() ? 'Line by ' + speaker() : 'Dialogue'"
      aria-describedby="vn-dialogue-hint"
      (click)="next()"
      (keydown)="onKey($event)"
    >
      <div class="head">
        <span class="plate" data-testid="vn-nameplate">
          <span class="name" data-testid="user-nickname">{{ speaker() ?? 'moodlobby' }}</span>
          @if (mark(); as tag) {
            <span class="tag" data-testid="user-mark">{{ tag }}</span>
          }
          @if (isMe()) {
            <span class="you">(you)</span>
          }
        </span>
        @if (moodStatus(); as status) {
          <span class="mood" data-testid="vn-mood-status" [attr.data-status]="status" [attr.title]="statusLabel()">
            @switch (status) {
              @case ('done') {
                {{ mood() }}
              }
              @case ('failed') {
                mood unavailable
              }
              @default {
                <span class="dots" aria-hidden="true">•••</span>
                <span class="visually-hidden">mood pending</span>
              }
            }
          </span>
        }
      </div>
      <div class="lines">
        <p class="ghost" aria-hidden="true">{{ text() }}</p>
        <p class="text" data-testid="vn-dialogue" [attr.data-complete]="isComplete()">{{ shownText() }}</p>
      </div>
      <div class="foot">
        @if (queued() > 0) {
          <span class="more" data-testid="vn-more" role="status">{{ queued() }} more</span>
        }
        @if (behind()) {
          <button type="button" class="skip" data-testid="vn-fast-forward" (click)="onFastForward($event)" (keydown)="$event.stopPropagation()">
            Skip to newest <span aria-hidden="true">⏭</span>
          </button>
        }
        <span class="next" [class.on]="isComplete()" aria-hidden="true">▼</span>
      </div>
      <span id="vn-dialogue-hint" class="visually-hidden">Click, Space or Enter shows the whole line, then the next one.</span>
    </div>
  `,
  styleUrl: './dialogue-box.component.css',
})
export class DialogueBoxComponent {
  /** The shown line's id: a new id restarts the reveal. */
  readonly lineId = input<string | null>(null);
  readonly text = input.required<string>();
  readonly speaker = input<string | null>(null);
  /** The speaker's user id: their mark goes on the name plate. */
  readonly speakerId = input<string | null>(null);
  readonly isMe = input(false);
  /** The name plate's colour (the speaker's). */
  readonly accent = input<string | null>(null);
  readonly mood = input<Mood>('neutral');
  /** Null hides the mood tag (no line yet). */
  readonly moodStatus = input<MoodStatus | null>(null);
  /** Show lines at once (reduced motion). */
  readonly instant = input(false);
  /** How many lines wait for the stage. */
  readonly queued = input(0);
  /** Something newer than the shown line exists: offer to skip to it. */
  readonly behind = input(false);

  /** The line with this id is typed out (or was shown at once). */
  readonly completed = output<string>();
  /** The reader asks for the next line (on a line already typed out). */
  readonly advance = output<void>();
  /** The reader asks for the newest line. */
  readonly fastForward = output<void>();

  private readonly characters = computed(() => graphemes(this.text()));
  /** How many characters are revealed; back to 0 for each new line. */
  private readonly revealed = linkedSignal<string | null, number>({
    source: () => this.lineId(),
    computation: () => 0,
  });

  /** Complete when revealed, when motion is reduced, and for the idle text (no line yet). */
  protected readonly isComplete = computed(
    () => this.instant() || this.lineId() === null || this.revealed() >= this.characters().length,
  );
  protected readonly shownText = computed(() =>
    this.isComplete() ? this.text() : this.characters().slice(0, this.revealed()).join(''),
  );
  protected readonly mark = computed(() => {
    const id = this.speakerId();
    return id === null ? null : identityMark(id).tag;
  });
  protected readonly statusLabel = computed(() => moodStatusLabel(this.mood(), this.moodStatus()));

  constructor() {
    effect((onCleanup) => {
      this.lineId();
      if (this.isComplete()) return;
      const total = this.characters().length;
      const step = Math.max(1, Math.ceil(total / TYPEWRITER_MAX_STEPS));
      const timer = setInterval(() => this.revealed.update((n) => Math.min(total, n + step)), TYPEWRITER_STEP_MS);
      onCleanup(() => clearInterval(timer));
    });
    let reported: string | null = null;
    effect(() => {
      const id = this.lineId();
      if (id === null || id === reported || !this.isComplete()) return;
      reported = id;
      untracked(() => this.completed.emit(id));
    });
  }

  /** A click, Space or Enter: the whole line if it is still typing, else the next line. */
  next(): void {
    if (this.isComplete()) this.advance.emit();
    else this.complete();
  }

  /** Shows the whole line now. */
  complete(): void {
    this.revealed.set(this.characters().length);
  }

  protected onKey(event: KeyboardEvent): void {
    if (event.target !== event.currentTarget) return;
    if (event.key !== ' ' && event.key !== 'Enter') return;
    event.preventDefault();
    this.next();
  }

  protected onFastForward(event: Event): void {
    event.stopPropagation();
    this.fastForward.emit();
  }
}
