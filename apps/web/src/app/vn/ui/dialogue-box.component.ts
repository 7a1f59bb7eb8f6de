import { ChangeDetectionStrategy, Component, computed, effect, input, linkedSignal } from '@angular/core';
import { moodStatusLabel } from '../../shared/util/mood-status';
import type { Mood, MoodStatus } from '@moodlobby/shared';
import { graphemes } from '../../shared/util/graphemes';

/** One typewriter step every this many ms. */
export const TYPEWRITER_STEP_MS = 30;
/** A line takes at most this many steps (long lines reveal several characters per step). */
export const TYPEWRITER_MAX_STEPS = 80;

/**
 * The VN dialogue box: the speaker's name plate, the mood tag and the line, revealed like a
 * typewriter. A click, Space or Enter on the box completes the reveal; with `instant` (reduced
 * motion) the line shows at once. The reveal restarts only for a new line (`lineId`), not when the
 * same line's mood changes. Keys are handled on the box itself, so typing elsewhere is untouched.
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
      (click)="complete()"
      (keydown)="onKey($event)"
    >
      <div class="head">
        <span class="plate" data-testid="vn-nameplate">
          {{ speaker() ?? 'moodlobby' }}
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
      <span class="next" [class.on]="isComplete()" aria-hidden="true">▼</span>
      <span id="vn-dialogue-hint" class="visually-hidden">Click, Space or Enter shows the whole line.</span>
    </div>
  `,
  styleUrl: './dialogue-box.component.css',
})
export class DialogueBoxComponent {
  /** The shown line's id: a new id restarts the reveal. */
  readonly lineId = input<string | null>(null);
  readonly text = input.required<string>();
  readonly speaker = input<string | null>(null);
  readonly isMe = input(false);
  /** The name plate's colour (the speaker's). */
  readonly accent = input<string | null>(null);
  readonly mood = input<Mood>('neutral');
  /** Null hides the mood tag (no line yet). */
  readonly moodStatus = input<MoodStatus | null>(null);
  /** Show lines at once (reduced motion). */
  readonly instant = input(false);

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
  }

  /** Shows the whole line now. */
  complete(): void {
    this.revealed.set(this.characters().length);
  }

  protected onKey(event: KeyboardEvent): void {
    if (event.target !== event.currentTarget) return;
    if (event.key !== ' ' && event.key !== 'Enter') return;
    event.preventDefault();
    this.complete();
  }
}
