import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { PresenceUser } from '@moodlobby/shared';
import { sameNameGroups } from '../util/identity';
import { UserNameComponent } from './user-name.component';

/**
 * Who is in the lobby: one entry per user (several tabs are one user), each with their mark, the
 * current user marked "(you)", and "same name" on people whose nickname another shares.
 */
@Component({
  selector: 'ml-online-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [UserNameComponent],
  template: `
    <h2 class="section-title" id="online-title">Online · {{ users().length }}</h2>
    <ul class="list" data-testid="online-list" aria-labelledby="online-title">
      @for (user of users(); track user.id) {
        <li class="user" data-testid="online-user" [attr.data-user-id]="user.id" [class.clash]="clashes().has(user.id)">
          <span class="dot" aria-hidden="true"></span>
          <ml-user-name [userId]="user.id" [nickname]="user.nickname" [isMe]="user.id === currentUserId()" />
          @if (clashes().has(user.id)) {
            <span class="same" data-testid="same-name">same name</span>
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
      flex-wrap: wrap;
      align-items: center;
      gap: 0.15rem 0.5rem;
      min-width: 0;
    }
    .same {
      flex: none;
      padding: 0 0.35rem;
      border-radius: 999px;
      background: var(--warn-bg);
      border: 1px solid var(--warn-border);
      color: var(--warn-text);
      font-size: var(--text-xs);
    }
    .dot {
      flex: none;
      width: 0.45rem;
      height: 0.45rem;
      border-radius: 50%;
      background: var(--ok);
    }
    .empty {
      color: var(--muted);
      font-size: var(--text-sm);
    }
  `,
})
export class OnlineListComponent {
  readonly presence = input.required<readonly PresenceUser[]>();
  readonly currentUserId = input<string | null>(null);

  /** Users whose nickname another online user shares (ids). */
  protected readonly clashes = computed(() => new Set(sameNameGroups(this.presence()).flat().map((u) => u.id)));

  /** Deduped by id (the last entry wins), the current user first, then by nickname. */
  protected readonly users = computed(() => {
    const byId = new Map(this.presence().map((u) => [u.id, u]));
    const me = this.currentUserId();
    return [...byId.values()].sort(
      (a, b) => Number(b.id === me) - Number(a.id === me) || a.nickname.localeCompare(b.nickname),
    );
  });
}
