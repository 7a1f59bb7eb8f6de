import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { VARIANTS, type Variant, isVariant } from '@moodlobby/shared';
import type { UserSortField, UsersPage, UsersQuery } from '../data-access/admin.models';
import { formatCount, formatDateTime } from '../util/format';

interface Column {
  label: string;
  sort: UserSortField | null;
  num?: boolean;
}

const COLUMNS: Column[] = [
  { label: 'Nickname', sort: 'nickname' },
  { label: 'Arm', sort: null },
  { label: 'First seen (UTC)', sort: 'firstSeenAt' },
  { label: 'Last seen (UTC)', sort: 'lastSeenAt' },
  { label: 'Messages', sort: 'messageCount', num: true },
  { label: 'Visits', sort: null, num: true },
];

/** A page of users: arm filter, sortable headers, prev/next paging. */
@Component({
  selector: 'ml-admin-users-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="toolbar">
      <label>
        Arm
        <select class="field" data-testid="users-variant-filter" (change)="onVariant($event)">
          <option value="" [selected]="!query().variant">All</option>
          @for (v of variants; track v) {
            <option [value]="v" [selected]="query().variant === v">{{ v }}</option>
          }
        </select>
      </label>
      <span class="spacer"></span>
      <span data-testid="users-total" aria-live="polite">{{ range() }}</span>
      <button type="button" class="pager" data-testid="users-prev" [disabled]="!canPrev() || loading()" (click)="prev.emit()">
        ‹ Prev
      </button>
      <button type="button" class="pager" data-testid="users-next" [disabled]="!canNext() || loading()" (click)="next.emit()">
        Next ›
      </button>
    </div>
    <div class="table-scroll" tabindex="0" role="region" aria-label="Users" [attr.aria-busy]="loading()">
      <table class="data-table" data-testid="users-table">
        <caption class="visually-hidden">Users, sorted by {{ sortLabel() }}</caption>
        <thead>
          <tr>
            <th scope="col"><span class="visually-hidden">Online</span></th>
            @for (col of columns; track col.label) {
              <th scope="col" [class.num]="col.num" [attr.aria-sort]="col.sort ? ariaSort(col.sort) : null">
                @if (col.sort; as field) {
                  <button type="button" class="sort" [attr.data-sort]="field" (click)="sortBy.emit(field)">
                    {{ col.label }}<span aria-hidden="true">{{ arrow(field) }}</span>
                  </button>
                } @else {
                  {{ col.label }}
                }
              </th>
            }
          </tr>
        </thead>
        <tbody>
          @for (user of rows(); track user.id) {
            <tr data-testid="users-row" [attr.data-user-id]="user.id">
              <td>
                <span class="dot" [class.on]="user.online" role="img" [attr.aria-label]="user.online ? 'online' : 'offline'"></span>
              </td>
              <td class="name">{{ user.nickname }}</td>
              <td>{{ user.variant }}</td>
              <td>{{ user.firstSeen }}</td>
              <td>{{ user.lastSeen }}</td>
              <td class="num">{{ user.messages }}</td>
              <td class="num">{{ user.visits }}</td>
            </tr>
          } @empty {
            <tr>
              <td class="empty" colspan="7">{{ loading() ? 'Loading…' : 'No users yet' }}</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
      margin-bottom: 0.5rem;
      font-size: var(--text-sm);
    }
    .toolbar .field {
      width: auto;
      padding: 0.3rem 0.5rem;
      margin-left: 0.35rem;
    }
    .spacer {
      flex: 1;
    }
    .pager,
    .sort {
      border: 1px solid var(--border);
      border-radius: var(--radius-sm);
      background: var(--surface);
      cursor: pointer;
    }
    .pager {
      padding: 0.3rem 0.7rem;
    }
    .pager:disabled {
      opacity: 0.5;
      cursor: not-allowed;
    }
    .sort {
      border: 0;
      padding: 0;
      background: none;
      font-weight: 600;
      color: inherit;
    }
    .table-scroll[aria-busy='true'] {
      opacity: 0.6;
    }
    .name {
      max-width: 14rem;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .dot {
      display: inline-block;
      width: 0.5rem;
      height: 0.5rem;
      border-radius: 50%;
      background: var(--border);
    }
    .dot.on {
      background: var(--ok);
    }
    .empty {
      color: var(--muted);
      text-align: center;
    }
  `,
})
export class UsersTableComponent {
  readonly page = input.required<UsersPage | null>();
  readonly query = input.required<UsersQuery>();
  readonly loading = input(false);
  readonly canPrev = input(false);
  readonly canNext = input(false);
  readonly variantChange = output<Variant | null>();
  readonly sortBy = output<UserSortField>();
  readonly prev = output<void>();
  readonly next = output<void>();

  protected readonly columns = COLUMNS;
  protected readonly variants = VARIANTS;

  protected readonly rows = computed(() =>
    (this.page()?.items ?? []).map((u) => ({
      ...u,
      firstSeen: formatDateTime(u.firstSeenAt),
      lastSeen: formatDateTime(u.lastSeenAt),
      messages: formatCount(u.messageCount),
      visits: formatCount(u.visitCount),
    })),
  );

  /** "Showing 1–50 of 123", or why there is nothing to show. */
  protected readonly range = computed(() => {
    const page = this.page();
    if (!page) return this.loading() ? 'Loading users…' : '';
    if (page.total === 0) return 'Showing 0 of 0';
    if (page.items.length === 0) return `Showing none of ${formatCount(page.total)}`;
    const first = page.offset + 1;
    return `Showing ${formatCount(first)}–${formatCount(page.offset + page.items.length)} of ${formatCount(page.total)}`;
  });

  protected readonly sortLabel = computed(() => {
    const sort = this.query().sort;
    const field = sort.replace(/^-/, '');
    const label = COLUMNS.find((c) => c.sort === field)?.label ?? field;
    return `${label}, ${sort.startsWith('-') ? 'descending' : 'ascending'}`;
  });

  protected ariaSort(field: UserSortField): 'ascending' | 'descending' | 'none' {
    const sort = this.query().sort;
    return sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : 'none';
  }

  protected arrow(field: UserSortField): string {
    const dir = this.ariaSort(field);
    return dir === 'ascending' ? ' ▲' : dir === 'descending' ? ' ▼' : '';
  }

  protected onVariant(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.variantChange.emit(isVariant(value) ? value : null);
  }
}
