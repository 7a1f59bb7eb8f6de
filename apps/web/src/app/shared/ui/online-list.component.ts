import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { PresenceUser } from '@moodlobby/shared';

/** Who is in the lobby: one entry per user (several tabs are one user), the current user marked. */
@Component({
  selector: 'ml-online-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 class="section-title" id="online-title">Online · {{ users().length }}</h2>
    <ul class="list" data-testid="online-list" aria-labelledby="online-title">
      @for (user of users(); track user.id) {
        <li class="user" data-testid="online-user" [attr.data-user-id]="user.id">
          <span class="dot" aria-hidden="true"></span>
          <span class="name">{{ user.nickname }}</span>
          @if (user.id === currentUserId()) {
            <span class="you">(you)</span>
          }
        </li>
      } @empty {
        <li class="empty">Nobody yet</li>
      }
    </ul>
  `,
  styles: `
    .list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.25rem;
    }
    .user {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      min-width: 0;
    }
    .name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .dot {
      flex: none;
      width: 0.45rem;
      height: 0.45rem;
      border-radius: 50%;
      background: var(--ok);
    }
    .you,
    .empty {
      color: var(--muted);
      font-size: var(--text-sm);
    }
  `,
})
export class OnlineListComponent {
  readonly presence = input.required<readonly PresenceUser[]>();
  readonly currentUserId = input<string | null>(null);

  /** Deduped by id (the last entry wins), the current user first, then by nickname. */
  protected readonly users = computed(() => {
    const byId = new Map(this.presence().map((u) => [u.id, u]));
    const me = this.currentUserId();
    return [...byId.values()].sort(
      (a, b) => Number(b.id === me) - Number(a.id === me) || a.nickname.localeCompare(b.nickname),
    );
  });
}
