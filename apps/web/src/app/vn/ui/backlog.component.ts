import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterRenderEffect,
  computed,
  input,
  linkedSignal,
  output,
  viewChild,
} from '@angular/core';
import type { Message } from '@moodlobby/shared';
import type { Earlier } from '../../lobby/data-access/messages.store';
import type { OutboxEntry } from '../../lobby/data-access/outbox.store';
import { EarlierHistoryComponent } from '../../shared/ui/earlier-history.component';
import { MoodBadgeComponent } from '../../shared/ui/mood-badge.component';
import { UserNameComponent } from '../../shared/ui/user-name.component';
import { characterLook } from '../data-access/character-look';

const NEAR_BOTTOM_PX = 48;

/**
 * The recent lines, oldest first, in a scrollable list. Each line is a button that plays it on
 * stage again (`replay`); the list is one stop in the tab order (the line on stage, or the one
 * last focused), and the arrow keys, Home and End move between lines. The line on stage is
 * marked; the list keeps to the newest line while the reader is at the bottom.
 */
@Component({
  selector: 'ml-backlog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MoodBadgeComponent, UserNameComponent, EarlierHistoryComponent],
  template: `
    <h2 class="section-title" id="vn-backlog-title">Backlog</h2>
    <ol
      #scroller
      class="lines"
      data-testid="vn-backlog"
      aria-labelledby="vn-backlog-title"
      (scroll)="onScroll()"
    >
      <li class="earlier">
        <ml-earlier-history
          noun="lines"
          [earlier]="earlier()"
          [hasAny]="lines().length > 0"
          [loading]="loadingEarlier()"
          [error]="earlierError()"
          (loadEarlier)="loadEarlier.emit()"
        />
      </li>
      @for (line of rows(); track line.message.id) {
        <li class="line" [style.--who]="line.accent" [attr.aria-current]="line.message.id === currentLineId() ? 'true' : null">
          <button
            type="button"
            class="replay"
            data-testid="vn-backlog-line"
            [attr.data-message-id]="line.message.id"
            [attr.tabindex]="line.message.id === focusId() ? 0 : -1"
            [attr.aria-describedby]="'vn-backlog-hint'"
            (click)="play(line.message.id)"
            (focus)="focusId.set(line.message.id)"
            (keydown)="onKey($event)"
          >
            <ml-user-name
              class="who"
              [userId]="line.message.userId"
              [nickname]="line.message.nickname"
              [isMe]="line.message.userId === currentUserId()"
            />
            <ml-mood-badge [mood]="line.message.mood" [status]="line.message.moodStatus" />
            <span class="say">{{ line.message.text }}</span>
          </button>
        </li>
      }
      @for (p of pending(); track p.clientMessageId) {
        <li class="line waiting">
          @if (currentUserId(); as me) {
            <ml-user-name class="who" [userId]="me" [nickname]="currentNickname()" [isMe]="true" />
          }
          <span class="state">{{ p.status === 'sending' ? 'sending…' : 'waiting to send' }}</span>
          <p class="say">{{ p.text }}</p>
        </li>
      }
      @if (lines().length === 0 && pending().length === 0) {
        <li class="empty">Lines will gather here.</li>
      }
    </ol>
    <span id="vn-backlog-hint" class="visually-hidden">Plays this line on stage again. Arrow keys move between lines.</span>
  `,
  styles: `
    :host {
      display: grid;
      grid-template-rows: auto minmax(0, 1fr);
      min-height: 0;
    }
    .lines {
      margin: 0;
      padding: 0.15rem 0.35rem 0.15rem 0.15rem;
      list-style: none;
      overflow-y: auto;
      display: grid;
      align-content: start;
      gap: 0.4rem;
      border-radius: var(--radius-sm);
    }
    .line {
      border-left: 3px solid var(--who, var(--border));
      font-size: var(--text-sm);
    }
    .line[aria-current] {
      background: var(--accent-soft);
      border-radius: 0 var(--radius-sm) var(--radius-sm) 0;
    }
    .replay,
    .waiting {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 0.4rem;
      width: 100%;
      padding: 0.15rem 0.4rem 0.15rem 0.6rem;
      border: 0;
      border-radius: 0 var(--radius-sm) var(--radius-sm) 0;
      background: none;
      text-align: start;
      cursor: pointer;
    }
    .replay:hover {
      background: var(--surface-2);
    }
    .replay:focus-visible {
      outline-offset: -2px;
    }
    .waiting {
      opacity: 0.65;
      cursor: default;
    }
    .who {
      max-width: 100%;
    }
    .state,
    .empty {
      color: var(--muted);
      font-weight: 400;
      font-size: var(--text-xs);
    }
    .earlier {
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
  /** What lies before the first line: unknown, more, or the lobby's very beginning. */
  readonly earlier = input<Earlier>('unknown');
  readonly loadingEarlier = input(false);
  readonly earlierError = input<string | null>(null);
  /** Play this line (a message id) on stage again. */
  readonly replay = output<string>();
  /** The reader asks for the page before the first line. */
  readonly loadEarlier = output<void>();

  protected readonly rows = computed(() =>
    this.lines().map((message) => ({ message, accent: characterLook(message.userId).accent })),
  );
  /** The line that takes focus when the list is tabbed into: the one on stage until another is focused. */
  protected readonly focusId = linkedSignal(() => {
    const lines = this.lines();
    const current = this.currentLineId();
    return lines.some((m) => m.id === current) ? current : (lines.at(-1)?.id ?? null);
  });
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

  protected play(id: string): void {
    this.focusId.set(id);
    this.replay.emit(id);
  }

  protected onScroll(): void {
    const el = this.scroller().nativeElement;
    this.nearBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= NEAR_BOTTOM_PX;
  }

  /** Arrow keys, Home and End move focus between lines. */
  protected onKey(event: KeyboardEvent): void {
    const ids = this.lines().map((m) => m.id);
    const at = ids.indexOf(this.focusId() ?? '');
    const to =
      event.key === 'ArrowUp' ? at - 1 : event.key === 'ArrowDown' ? at + 1 : event.key === 'Home' ? 0 : event.key === 'End' ? ids.length - 1 : null;
    if (to === null || ids.length === 0) return;
    event.preventDefault();
    const id = ids[Math.max(0, Math.min(ids.length - 1, to))];
    this.focusId.set(id);
    this.scroller()
      .nativeElement.querySelector<HTMLElement>(`[data-message-id="${id}"]`)
      ?.focus();
  }
}
