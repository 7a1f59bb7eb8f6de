import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Mood, MoodStatus } from '@moodlobby/shared';
import { moodStatusLabel } from '../util/mood-status';

/** One face per mood; typed by the shared `Mood`, so a new mood fails the build until it has one. */
const MOOD_EMOJI: Record<Mood, string> = {
  neutral: '😐',
  happy: '😊',
  sad: '😢',
  angry: '😠',
  surprised: '😮',
  scared: '😨',
  disgusted: '🤢',
};

/** A message's mood: the mood once inferred, a quiet "…" while pending, a marker when it failed. */
@Component({
  selector: 'ml-mood-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span
      class="badge"
      data-testid="mood-badge"
      [attr.data-status]="status()"
      [attr.title]="title()"
      [attr.aria-label]="title()"
      role="img"
    >
      @switch (status()) {
        @case ('done') {
          <span aria-hidden="true">{{ emoji() }}</span> <span class="label">{{ mood() }}</span>
        }
        @case ('failed') {
          mood unavailable
        }
        @default {
          <span aria-hidden="true">…</span>
        }
      }
    </span>
  `,
  styles: `
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 0.2rem;
      padding: 0 0.45rem;
      border-radius: 999px;
      font-size: var(--text-xs);
      line-height: 1.5;
      white-space: nowrap;
      background: var(--surface-2);
      color: var(--muted);
    }
    [data-status='pending'] {
      background: none;
      letter-spacing: 0.1em;
    }
    [data-status='failed'] {
      border: 1px dashed var(--border);
      background: none;
      font-style: italic;
    }
  `,
})
export class MoodBadgeComponent {
  readonly mood = input.required<Mood>();
  readonly status = input.required<MoodStatus>();

  protected readonly emoji = computed(() => MOOD_EMOJI[this.mood()] ?? MOOD_EMOJI.neutral);
  protected readonly title = computed(() => moodStatusLabel(this.mood(), this.status()));
}
