import { ChangeDetectionStrategy, Component, computed, input, linkedSignal, output } from '@angular/core';
import { characterCount } from '@moodlobby/shared';
import { TOUCH_QUERY, injectMediaQuery } from '../util/media-query';
import { splitMessage } from '../util/split-message';

/**
 * The composer: a textarea with a live counter against the server's limit. Enter sends,
 * Shift+Enter adds a line. Typing is always allowed (the outbox queues while offline), and
 * nothing typed is ever cut: over the limit the text stays as it is, Send waits, and the user
 * may shorten it or send it split into several messages. While the server's rate limit holds,
 * Send is disabled and the hint counts down. Characters are counted as the server counts them
 * (code points), so no `maxlength` attribute.
 */
@Component({
  selector: 'ml-message-input',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="composer" (submit)="submit($event)">
      <label class="visually-hidden" for="message-input">Message</label>
      <textarea
        id="message-input"
        class="field"
        data-testid="message-input"
        rows="1"
        enterkeyhint="send"
        placeholder="Say something…"
        [value]="value()"
        [attr.aria-invalid]="over() ? 'true' : null"
        (input)="onInput($event)"
        (keydown.enter)="onEnter($event)"
        aria-describedby="char-count composer-hint over-limit"
      ></textarea>
      <button type="submit" class="button" data-testid="send-button" [disabled]="!canSend()">Send</button>
      <div id="over-limit" class="over-note" aria-live="polite">
        @if (over()) {
          <p data-testid="over-limit">
            That is {{ length() }} characters, {{ length() - maxLength() }} over the limit of {{ maxLength() }}: nothing is
            cut. Shorten it, or
            <button type="button" class="link" data-testid="split-send" [disabled]="waitSeconds() > 0" (click)="sendSplit()">
              send it as {{ parts().length }} messages
            </button>
          </p>
        }
      </div>
      <div class="footer">
        <span id="composer-hint" class="hint" [attr.data-testid]="waitSeconds() > 0 ? 'send-wait' : 'composer-hint'">{{
          hint()
        }}</span>
        <span
          id="char-count"
          class="count"
          data-testid="char-count"
          [class.near]="remaining() <= nearLimit()"
          [class.over]="remaining() < 0"
          [attr.aria-live]="remaining() <= nearLimit() ? 'polite' : 'off'"
          >{{ length() }} / {{ maxLength() }}</span
        >
      </div>
    </form>
  `,
  styles: `
    .composer {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 0.25rem 0.5rem;
      align-items: end;
    }
    .field {
      resize: none;
      min-height: 2.75rem;
      max-height: 10rem;
      field-sizing: content;
      line-height: 1.4;
    }
    .over-note {
      grid-column: 1 / -1;
    }
    .over-note:empty {
      display: none;
    }
    .over-note p {
      margin: 0;
      font-size: var(--text-sm);
      color: var(--danger);
    }
    .link {
      padding: 0;
      border: 0;
      background: none;
      color: var(--accent-strong);
      font-weight: 600;
      text-decoration: underline;
      cursor: pointer;
    }
    .link:disabled {
      color: var(--muted);
      cursor: not-allowed;
    }
    .footer {
      grid-column: 1 / -1;
      display: flex;
      justify-content: space-between;
      gap: 1rem;
      font-size: var(--text-xs);
      color: var(--muted);
    }
    [data-testid='send-wait'] {
      color: var(--warn-text);
      font-weight: 600;
    }
    .count {
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .near {
      color: var(--warn-text);
    }
    .over {
      color: var(--danger);
      font-weight: 600;
    }
  `,
})
export class MessageInputComponent {
  readonly text = input.required<string>();
  readonly maxLength = input.required<number>();
  /** The session is up: false says that messages will wait for the connection. */
  readonly live = input(true);
  /** Seconds until the server's rate limit lets this user send again; 0 when it does. */
  readonly waitSeconds = input(0);
  readonly textChange = output<string>();
  readonly send = output<string>();
  /** A text over the limit, split into messages that each fit, to be sent in order. */
  readonly sendParts = output<string[]>();

  private readonly touch = injectMediaQuery(TOUCH_QUERY);

  /**
   * What the field holds now: follows `text` from the parent, and every keystroke at once. The
   * parent's copy arrives a change-detection pass later, so a fast "type, then Enter" must read
   * this one or it would send the text without its last characters.
   */
  protected readonly value = linkedSignal(() => this.text());
  protected readonly length = computed(() => characterCount(this.value()));
  protected readonly remaining = computed(() => this.maxLength() - this.length());
  protected readonly nearLimit = computed(() => Math.max(10, Math.floor(this.maxLength() / 10)));
  protected readonly over = computed(() => characterCount(this.value().trim()) > this.maxLength());
  protected readonly parts = computed(() => (this.over() ? splitMessage(this.value(), this.maxLength()) : []));
  protected readonly canSend = computed(() => {
    const trimmed = characterCount(this.value().trim());
    return trimmed > 0 && trimmed <= this.maxLength() && this.waitSeconds() === 0;
  });
  protected readonly hint = computed(() => {
    if (this.waitSeconds() > 0) return `Slow down — you can send again in ${this.waitSeconds()} s`;
    if (!this.live()) return 'Offline: messages will be sent when you reconnect';
    return this.touch() ? '' : 'Enter to send · Shift+Enter for a new line';
  });

  protected onInput(event: Event): void {
    const text = (event.target as HTMLTextAreaElement).value;
    this.value.set(text);
    this.textChange.emit(text);
  }

  protected onEnter(event: Event): void {
    const key = event as KeyboardEvent;
    if (key.shiftKey || key.isComposing) return;
    event.preventDefault();
    this.trySend();
  }

  protected submit(event: Event): void {
    event.preventDefault();
    this.trySend();
  }

  protected sendSplit(): void {
    if (this.waitSeconds() === 0 && this.parts().length > 0) this.sendParts.emit(this.parts());
  }

  private trySend(): void {
    if (this.canSend()) this.send.emit(this.value());
  }
}
