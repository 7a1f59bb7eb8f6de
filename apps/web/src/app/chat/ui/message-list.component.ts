import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterRenderEffect,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import type { Message } from '@moodlobby/shared';
import type { Earlier } from '../../lobby/data-access/messages.store';
import type { OutboxEntry } from '../../lobby/data-access/outbox.store';
import { EarlierHistoryComponent } from '../../shared/ui/earlier-history.component';
import { MoodBadgeComponent } from '../../shared/ui/mood-badge.component';
import { UserNameComponent } from '../../shared/ui/user-name.component';

/** How close to the bottom (px) still counts as "reading the latest". */
const NEAR_BOTTOM_PX = 80;

/**
 * The conversation: history and new messages, then the user's own lines still on their way.
 * Follows new messages while the reader is at the bottom; otherwise offers a "new messages" jump.
 * Text is only ever interpolated, never parsed as HTML.
 */
@Component({
  selector: 'ml-message-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MoodBadgeComponent, UserNameComponent, EarlierHistoryComponent],
  template: `
    <div
      #scroller
      class="scroller"
      data-testid="message-list"
      role="log"
      aria-label="Messages"
      tabindex="0"
      (scroll)="onScroll()"
    >
      <ol class="lines">
        <li class="earlier">
          <ml-earlier-history
            [earlier]="earlier()"
            [hasAny]="messages().length > 0"
            [loading]="loadingEarlier()"
            [error]="earlierError()"
            (loadEarlier)="requestEarlier()"
          />
        </li>
        @for (m of messages(); track m.id) {
          <li
            class="message"
            [class.own]="m.userId === currentUserId()"
            data-testid="message"
            [attr.data-message-id]="m.id"
            [attr.data-mood]="m.mood"
            [attr.data-mood-status]="m.moodStatus"
          >
            <div class="meta">
              <ml-user-name data-testid="message-author" [userId]="m.userId" [nickname]="m.nickname" [isMe]="m.userId === currentUserId()" />
              <time class="time" [attr.datetime]="m.createdAt" [attr.title]="m.createdAt | date: 'medium'">{{
                m.createdAt | date: 'shortTime'
              }}</time>
              <ml-mood-badge [mood]="m.mood" [status]="m.moodStatus" />
            </div>
            <p class="text" data-testid="message-text">{{ m.text }}</p>
          </li>
        }
        @for (p of pending(); track p.clientMessageId) {
          <li class="message own pending" data-testid="pending-message" [attr.data-client-message-id]="p.clientMessageId">
            <div class="meta">
              @if (currentUserId(); as me) {
                <ml-user-name [userId]="me" [nickname]="currentNickname()" [isMe]="true" />
              }
              <span class="time">{{ p.status === 'sending' ? 'sending…' : 'waiting to send' }}</span>
            </div>
            <p class="text">{{ p.text }}</p>
          </li>
        }
        @if (messages().length === 0 && pending().length === 0) {
          <li class="empty">No messages yet. Say hi!</li>
        }
      </ol>
    </div>
    @if (unseen() > 0) {
      <button type="button" class="jump" (click)="scrollToBottom()">
        {{ unseen() }} new {{ unseen() === 1 ? 'message' : 'messages' }} ↓
      </button>
    }
  `,
  styles: `
    :host {
      position: relative;
      display: flex;
      min-height: 0;
    }
    .scroller {
      flex: 1;
      overflow-y: auto;
      padding: 1rem;
    }
    /* Drawn inside: the conversation around it clips anything outside. */
    .scroller:focus-visible {
      outline-offset: -3px;
    }
    .lines {
      min-height: 100%;
      margin: 0;
      padding: 0;
      list-style: none;
      display: flex;
      flex-direction: column;
      justify-content: flex-end;
      gap: 0.35rem;
    }
    .message {
      max-width: min(42rem, 92%);
      padding: 0.45rem 0.75rem;
      border-radius: var(--radius);
      background: var(--surface);
      box-shadow: var(--shadow-sm);
    }
    .own {
      align-self: flex-end;
      background: var(--accent-soft);
    }
    .pending {
      opacity: 0.65;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      font-size: var(--text-sm);
    }
    .time {
      color: var(--muted);
      font-size: var(--text-xs);
    }
    .text {
      margin: 0.15rem 0 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .empty {
      margin: auto;
      color: var(--muted);
    }
    /* The first row: "load earlier", or the mark at the lobby's very beginning. */
    .earlier {
      align-self: center;
      margin-bottom: auto;
      padding-bottom: 0.5rem;
      font-size: var(--text-sm);
    }
    .jump {
      position: absolute;
      bottom: 0.75rem;
      left: 50%;
      transform: translateX(-50%);
      padding: 0.35rem 0.9rem;
      border-radius: 999px;
      box-shadow: var(--shadow);
    }
  `,
})
export class MessageListComponent {
  readonly messages = input.required<readonly Message[]>();
  readonly pending = input<readonly OutboxEntry[]>([]);
  readonly currentUserId = input<string | null>(null);
  readonly currentNickname = input('');
  /** What lies before the first message shown: unknown, more, or the lobby's very beginning. */
  readonly earlier = input<Earlier>('unknown');
  readonly loadingEarlier = input(false);
  readonly earlierError = input<string | null>(null);
  /** The reader asks for the page before the first message. */
  readonly loadEarlier = output<void>();

  /** Messages that arrived while the reader was scrolled up. */
  protected readonly unseen = signal(0);
  private readonly scroller = viewChild.required<ElementRef<HTMLElement>>('scroller');
  private nearBottom = true;

  /** The scroll height before an earlier page was asked for: the view keeps its place when it lands. */
  private heightBeforeEarlier: number | null = null;

  constructor() {
    let lastId: string | undefined;
    let firstId: string | undefined;
    let pendingCount = 0;
    afterRenderEffect({
      write: () => {
        const messages = this.messages();
        const pending = this.pending().length;
        const added = countAfter(messages, lastId);
        const sentSomething = pending > pendingCount;
        const prepended = firstId !== undefined && messages[0]?.id !== firstId && added === 0;
        lastId = messages.at(-1)?.id;
        firstId = messages[0]?.id;
        pendingCount = pending;
        if (prepended && this.heightBeforeEarlier !== null) {
          // An earlier page landed above: keep the lines the reader was looking at in place.
          const el = this.scroller().nativeElement;
          el.scrollTop += el.scrollHeight - this.heightBeforeEarlier;
          this.heightBeforeEarlier = null;
        } else if (this.nearBottom || sentSomething) {
          this.scrollToBottom('auto');
        } else if (added > 0) {
          this.unseen.update((n) => n + added);
        }
      },
    });
  }

  protected requestEarlier(): void {
    this.heightBeforeEarlier = this.scroller().nativeElement.scrollHeight;
    this.nearBottom = false;
    this.loadEarlier.emit();
  }

  protected onScroll(): void {
    const el = this.scroller().nativeElement;
    this.nearBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= NEAR_BOTTOM_PX;
    if (this.nearBottom) this.unseen.set(0);
  }

  protected scrollToBottom(behavior: ScrollBehavior = 'smooth'): void {
    const el = this.scroller().nativeElement;
    const reduced = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    if (typeof el.scrollTo === 'function') {
      el.scrollTo({ top: el.scrollHeight, behavior: reduced ? 'auto' : behavior });
    } else {
      el.scrollTop = el.scrollHeight;
    }
    this.nearBottom = true;
    this.unseen.set(0);
  }
}

/** How many messages come after the one with `id` (all of them if it is gone or unknown). */
function countAfter(messages: readonly Message[], id: string | undefined): number {
  if (id === undefined) return messages.length;
  const index = messages.findIndex((m) => m.id === id);
  return index === -1 ? messages.length : messages.length - 1 - index;
}
