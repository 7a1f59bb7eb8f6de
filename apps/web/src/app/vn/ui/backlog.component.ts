import { ChangeDetectionStrategy, Component, ElementRef, afterRenderEffect, computed, input, viewChild } from '@angular/core';
import type { Message } from '@moodlobby/shared';
import type { OutboxEntry } from '../../lobby/data-access/outbox.store';
import { MoodBadgeComponent } from '../../shared/ui/mood-badge.component';
import { characterLook } from '../data-access/character-look';

const NEAR_BOTTOM_PX = 48;

/**
 * The recent lines, oldest first, in a scrollable list that is itself focusable (arrow keys and
 * Page Up/Down scroll it). The line on stage is marked; it keeps to the newest line while the
 * reader is at the bottom.
 */
@Component({
  selector: 'ml-backlog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MoodBadgeComponent],
  template: `
    <h2 class="section-title" id="vn-backlog-title">Backlog</h2>
    <ol
      #scroller
      class="lines"
      data-testid="vn-backlog"
      tabindex="0"
      aria-labelledby="vn-backlog-title"
      (scroll)="onScroll()"
    >
      @for (line of rows(); track line.message.id) {
        <li
          class="line"
          data-testid="vn-backlog-line"
          [attr.data-message-id]="line.message.id"
          [attr.aria-current]="line.message.id === currentLineId() ? 'true' : null"
          [style.--who]="line.accent"
        >
          <span class="who">
            {{ line.message.nickname }}
            @if (line.message.userId === currentUserId()) {
              <span class="you">(you)</span>
            }
          </span>
          <ml-mood-badge [mood]="line.message.mood" [status]="line.message.moodStatus" />
          <p class="say">{{ line.message.text }}</p>
        </li>
      }
      @for (p of pending(); track p.clientMessageId) {
        <li class="line waiting">
          <span class="who">{{ currentNickname() }}</span>
          <span class="state">{{ p.status === 'sending' ? 'sending…' : 'waiting to send' }}</span>
          <p class="say">{{ p.text }}</p>
        </li>
      }
      @if (lines().length === 0 && pending().length === 0) {
        <li class="empty">Lines will gather here.</li>
      }
    </ol>
  `,
  styles: `
    :host {
      display: grid;
      grid-template-rows: auto minmax(0, 1fr);
      min-height: 0;
    }
    .lines {
      margin: 0;
      padding: 0 0.25rem 0 0;
      list-style: none;
      overflow-y: auto;
      display: grid;
      align-content: start;
      gap: 0.6rem;
      border-radius: var(--radius-sm);
    }
    .line {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 0.4rem;
      padding-left: 0.6rem;
      border-left: 3px solid var(--who, var(--border));
      font-size: var(--text-sm);
    }
    .line[aria-current] {
      background: var(--accent-soft);
      border-radius: 0 var(--radius-sm) var(--radius-sm) 0;
    }
    .waiting {
      opacity: 0.65;
    }
    .who {
      font-weight: 600;
    }
    .you,
    .state,
    .empty {
      color: var(--muted);
      font-weight: 400;
      font-size: var(--text-xs);
    }
    .say {
      flex-basis: 100%;
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
  `,
})
export class BacklogComponent {
  readonly lines = input.required<readonly Message[]>();
  readonly currentLineId = input<string | null>(null);
  readonly currentUserId = input<string | null>(null);
  readonly pending = input<readonly OutboxEntry[]>([]);
  readonly currentNickname = input('');

  protected readonly rows = computed(() =>
    this.lines().map((message) => ({ message, accent: characterLook(message.userId).accent })),
  );
  private readonly scroller = viewChild.required<ElementRef<HTMLElement>>('scroller');
  private nearBottom = true;

  constructor() {
    afterRenderEffect({
      write: () => {
        this.lines();
        this.pending();
        if (this.nearBottom) {
          const el = this.scroller().nativeElement;
          el.scrollTop = el.scrollHeight;
        }
      },
    });
  }

  protected onScroll(): void {
    const el = this.scroller().nativeElement;
    this.nearBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= NEAR_BOTTOM_PX;
  }
}
