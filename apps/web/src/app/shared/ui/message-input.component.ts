import { ChangeDetectionStrategy, Component, computed, input, linkedSignal, output } from '@angular/core';
import { characterCount, truncateCharacters } from '@moodlobby/shared';

/**
 * The composer: a textarea capped at the server's limit with a live counter. Enter sends,
 * Shift+Enter adds a line. Typing is always allowed; the store queues while offline.
 * The cap counts characters as the server does (code points), so no `maxlength` attribute.
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
        (input)="onInput($event)"
        (keydown.enter)="onEnter($event)"
        aria-describedby="char-count composer-hint"
      ></textarea>
      <button type="submit" class="button" data-testid="send-button" [disabled]="!canSend()">Send</button>
      <div class="footer">
        <span id="composer-hint" class="hint">{{ hint() }}</span>
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
    .footer {
      grid-column: 1 / -1;
      display: flex;
      justify-content: space-between;
      gap: 1rem;
      font-size: var(--text-xs);
      color: var(--muted);
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
  /** A short line under the input, e.g. that messages will wait for the connection. */
  readonly hint = input('');
  readonly textChange = output<string>();
  readonly send = output<string>();

  /**
   * What the field holds now: follows `text` from the parent, and every keystroke at once. The
   * parent's copy arrives a change-detection pass later, so a fast "type, then Enter" must read
   * this one or it would send the text without its last characters.
   */
  protected readonly value = linkedSignal(() => this.text());
  protected readonly length = computed(() => characterCount(this.value()));
  protected readonly remaining = computed(() => this.maxLength() - this.length());
  protected readonly nearLimit = computed(() => Math.max(10, Math.floor(this.maxLength() / 10)));
  protected readonly canSend = computed(() => {
    const trimmed = characterCount(this.value().trim());
    return trimmed > 0 && trimmed <= this.maxLength();
  });

  protected onInput(event: Event): void {
    const field = event.target as HTMLTextAreaElement;
    const capped = truncateCharacters(field.value, this.maxLength());
    if (capped !== field.value) field.value = capped;
    this.value.set(capped);
    this.textChange.emit(capped);
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

  private trySend(): void {
    if (this.canSend()) this.send.emit(this.value());
  }
}
