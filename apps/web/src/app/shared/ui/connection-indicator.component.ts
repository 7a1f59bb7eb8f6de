import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ConnectionStatus } from '../../lobby/data-access/socket.service';

const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  disconnected: 'Offline',
};

@Component({
  selector: 'ml-connection-indicator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span
      class="indicator"
      role="status"
      aria-live="polite"
      data-testid="connection-status"
      [attr.data-state]="status()"
    >
      <span class="dot" aria-hidden="true"></span>{{ label() }}
    </span>
  `,
  styles: `
    .indicator {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      font-size: var(--text-sm);
      color: var(--muted);
      white-space: nowrap;
    }
    .dot {
      width: 0.55rem;
      height: 0.55rem;
      border-radius: 50%;
      background: var(--warn);
    }
    [data-state='connected'] .dot {
      background: var(--ok);
    }
    [data-state='disconnected'] .dot {
      background: var(--danger);
    }
    [data-state='reconnecting'] .dot,
    [data-state='connecting'] .dot {
      animation: pulse 1.2s ease-in-out infinite;
    }
    @keyframes pulse {
      50% {
        opacity: 0.3;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .dot {
        animation: none !important;
      }
    }
  `,
})
export class ConnectionIndicatorComponent {
  readonly status = input.required<ConnectionStatus>();
  protected readonly label = computed(() => LABELS[this.status()]);
}
