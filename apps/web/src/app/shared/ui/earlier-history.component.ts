import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { Earlier } from '../../lobby/data-access/messages.store';

/**
 * The top of a conversation (the chat, the VN backlog): "Load earlier …" while there may be
 * more, or the mark at the lobby's very beginning; why the last page failed, if it did.
 */
@Component({
  selector: 'ml-earlier-history',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (earlier() === 'none') {
      <p class="beginning" data-testid="lobby-beginning">This is the very beginning of the lobby.</p>
    } @else if (hasAny()) {
      <button type="button" class="pill-button" data-testid="load-earlier" [disabled]="loading()" (click)="loadEarlier.emit()">
        {{ loading() ? 'Loading earlier ' + noun() + '…' : 'Load earlier ' + noun() }}
      </button>
    }
    @if (error(); as reason) {
      <p class="error" role="alert">{{ reason }}</p>
    }
  `,
  styles: `
    :host {
      display: grid;
      justify-items: center;
      gap: 0.25rem;
    }
    .beginning {
      margin: 0;
      padding: 0.15rem 0.8rem;
      border-radius: 999px;
      border: 1px dashed var(--border);
      color: var(--muted);
      font-size: inherit;
    }
    .pill-button {
      font-size: inherit;
    }
    .error {
      margin: 0;
      color: var(--danger);
      font-size: inherit;
    }
  `,
})
export class EarlierHistoryComponent {
  readonly earlier = input.required<Earlier>();
  /** Something is shown already (there is a first message to page back from). */
  readonly hasAny = input.required<boolean>();
  readonly loading = input(false);
  readonly error = input<string | null>(null);
  /** What the conversation is made of: "messages", "lines". */
  readonly noun = input('messages');
  readonly loadEarlier = output<void>();
}
