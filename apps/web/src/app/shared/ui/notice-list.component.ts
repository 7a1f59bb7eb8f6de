import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { Notice } from '../../lobby/data-access/notices.store';

/** Error and info banners, announced politely (a countdown once, not every second); each can be dismissed. */
@Component({
  selector: 'ml-notice-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="notices" aria-live="polite">
      @for (notice of notices(); track notice.id) {
        <p class="notice" data-testid="notice" [attr.data-kind]="notice.kind">
          @if (notice.announce; as said) {
            <span class="text" aria-hidden="true">{{ notice.text }}</span>
            <span class="visually-hidden">{{ said }}</span>
          } @else {
            <span class="text">{{ notice.text }}</span>
          }
          <button type="button" class="close" (click)="dismiss.emit(notice.id)" aria-label="Dismiss">
            ×
          </button>
        </p>
      }
    </div>
  `,
  styles: `
    .notices {
      display: grid;
      gap: 0.5rem;
    }
    .notices:empty {
      display: none;
    }
    .notice {
      display: flex;
      align-items: flex-start;
      gap: 0.75rem;
      margin: 0;
      padding: 0.6rem 0.8rem;
      border-radius: var(--radius);
      border: 1px solid var(--warn-border);
      background: var(--warn-bg);
      color: var(--text);
    }
    .notice[data-kind='invalid_payload'],
    .notice[data-kind='send_failed'] {
      border-color: var(--danger-border);
      background: var(--danger-bg);
    }
    .notice[data-kind='shutdown'] {
      border-color: var(--info-border);
      background: var(--info-bg);
    }
    .text {
      flex: 1;
      overflow-wrap: anywhere;
    }
    .close {
      border: 0;
      background: none;
      color: var(--muted);
      font-size: 1.2rem;
      line-height: 1;
      padding: 0 0.25rem;
      border-radius: var(--radius-sm);
      cursor: pointer;
    }
  `,
})
export class NoticeListComponent {
  readonly notices = input.required<readonly Notice[]>();
  readonly dismiss = output<number>();
}
