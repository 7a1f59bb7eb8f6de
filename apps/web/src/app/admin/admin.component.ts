import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { AdminApiService } from './data-access/admin-api.service';
import { AdminStore } from './data-access/admin.store';
import { ChartComponent } from './ui/chart.component';
import { CohortsComponent } from './ui/cohorts.component';
import { DecisionComponent } from './ui/decision.component';
import { InferenceHealthComponent } from './ui/inference-health.component';
import { ReadoutComponent } from './ui/readout.component';
import { SrmComponent } from './ui/srm.component';
import { TokenFormComponent } from './ui/token-form.component';
import { UsersTableComponent } from './ui/users-table.component';
import { dailyActiveChart, dailyMessagesChart, emptyCurveReason, fromFirstActiveDay, retentionCurveChart } from './util/chart-data';
import { utcToday } from './util/dates';
import { formatCount, srmWarning } from './util/format';

/**
 * The admin dashboard: experiment readout, sample-ratio check, daily charts, inference health and
 * users. Independent of the lobby session; needs only the admin token (and `HttpClient` with
 * `adminAuthInterceptor`, provided by the route).
 */
@Component({
  selector: 'ml-admin',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [AdminApiService, AdminStore],
  imports: [
    TokenFormComponent,
    DecisionComponent,
    ReadoutComponent,
    SrmComponent,
    InferenceHealthComponent,
    UsersTableComponent,
    ChartComponent,
    CohortsComponent,
  ],
  template: `
    <header class="bar">
      <h1>Experiment dashboard</h1>
      @if (store.signedIn()) {
        <label class="asof">
          As of (UTC)
          <input
            class="field"
            type="date"
            data-testid="admin-asof"
            [value]="store.asOf()"
            [max]="today"
            (change)="onAsOf($event)"
          />
        </label>
        <button type="button" class="button" data-testid="admin-refresh" (click)="store.refresh()">
          {{ busy() ? 'Refreshing…' : 'Refresh' }}
        </button>
        <button type="button" class="quiet" data-testid="admin-signout" (click)="store.signOut()">Sign out</button>
      }
    </header>

    @if (store.sessionStatus() === 'unknown') {
      <p class="sub" role="status">Checking whether this browser is signed in…</p>
    } @else if (!store.signedIn()) {
      <ml-admin-token-form
        [rejected]="store.tokenRejected()"
        [expired]="store.sessionExpired()"
        [busy]="store.signingIn()"
        (signIn)="store.signIn($event)"
      />
    } @else {
      @let summary = store.summary();
      @let daily = store.daily();

      <section class="card" aria-labelledby="readout-title" [attr.aria-busy]="store.summaryLoading()">
        <h2 id="readout-title">Experiment readout</h2>
        @if (summary?.srm?.flagged) {
          <p class="banner" role="alert" data-testid="srm-warning">⚠ {{ srmText() }}</p>
        }
        @if (store.summaryError(); as error) {
          <p class="error" role="alert" data-testid="admin-error">Could not load the readout. {{ error }}</p>
        }
        @if (summary) {
          <ml-admin-decision [summary]="summary" />
          <p class="sub" data-testid="readout-totals">{{ totals() }}</p>
          <ml-admin-readout [summary]="summary" />
          <p class="sub">
            <a class="export" data-testid="admin-export" [href]="exportUrl()" download>Download every user as CSV</a>
            (as of {{ summary.asOf }}; one row per user with their arm, activity and D1/D7)
          </p>
        } @else if (store.summaryLoading()) {
          <p class="sub" role="status">Loading the readout…</p>
        }
      </section>

      <section class="card" aria-labelledby="srm-title">
        <h2 id="srm-title">Sample ratio</h2>
        @if (summary) {
          <ml-admin-srm [srm]="summary.srm" [arms]="summary.arms" />
        } @else {
          <p class="sub">{{ store.summaryLoading() ? 'Loading…' : 'Not available' }}</p>
        }
      </section>

      <section class="card" aria-labelledby="charts-title">
        <h2 id="charts-title">Trends</h2>
        @if (store.dailyError(); as error) {
          <p class="error" role="alert" data-testid="admin-error">Could not load the daily series. {{ error }}</p>
        }
        <div class="charts">
          <figure>
            <figcaption>Daily active users</figcaption>
            @if (activeChart(); as spec) {
              <ml-admin-chart [spec]="spec" testId="chart-daily-active" />
            } @else {
              <p class="sub">{{ store.dailyLoading() ? 'Loading…' : 'Not available' }}</p>
            }
          </figure>
          <figure>
            <figcaption>Messages per day</figcaption>
            @if (messagesChart(); as spec) {
              <ml-admin-chart [spec]="spec" testId="chart-daily-messages" />
            } @else {
              <p class="sub">{{ store.dailyLoading() ? 'Loading…' : 'Not available' }}</p>
            }
          </figure>
          <figure>
            <figcaption>Retention curve, D1–D14</figcaption>
            @if (retention(); as spec) {
              <ml-admin-chart [spec]="spec" testId="chart-retention" />
              @if (curveEmpty(); as reason) {
                <p class="sub" data-testid="retention-empty">{{ reason }}</p>
              }
            } @else {
              <p class="sub">{{ store.summaryLoading() ? 'Loading…' : 'Not available' }}</p>
            }
          </figure>
        </div>
        @if (shownDaily(); as shown) {
          <p class="sub">{{ shown.days.length }} day{{ shown.days.length === 1 ? '' : 's' }}, {{ shown.from }} to {{ shown.to }} (UTC){{ shown.from !== daily?.from ? ', from the first day with activity' : '' }}.</p>
        }
      </section>

      <section class="card" aria-labelledby="cohorts-title">
        <h2 id="cohorts-title">Weekly cohorts</h2>
        @if (summary) {
          <ml-admin-cohorts [cohorts]="summary.cohorts" />
        } @else {
          <p class="sub">{{ store.summaryLoading() ? 'Loading…' : 'Not available' }}</p>
        }
      </section>

      <section class="card" aria-labelledby="health-title" data-testid="inference-health">
        <h2 id="health-title">Inference health</h2>
        @if (summary) {
          <ml-admin-inference-health [health]="summary.inference" [moods]="summary.moods" />
        } @else {
          <p class="sub">{{ store.summaryLoading() ? 'Loading…' : 'Not available' }}</p>
        }
      </section>

      <section class="card" aria-labelledby="users-title">
        <h2 id="users-title">Users</h2>
        @if (store.usersError(); as error) {
          <p class="error" role="alert" data-testid="admin-error">Could not load users. {{ error }}</p>
        }
        <ml-admin-users-table
          [page]="store.users()"
          [query]="store.usersQuery()"
          [loading]="store.usersLoading()"
          [canPrev]="store.canPrevUsers()"
          [canNext]="store.canNextUsers()"
          (variantChange)="store.setVariant($event)"
          (sortBy)="store.sortUsersBy($event)"
          (prev)="store.prevUsersPage()"
          (next)="store.nextUsersPage()"
        />
      </section>
    }
  `,
  styles: `
    :host {
      display: grid;
      align-content: start;
      gap: 1rem;
      min-height: 0;
      overflow-y: auto;
      padding-bottom: 2rem;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
    }
    h1 {
      flex: 1;
      margin: 0;
      font-size: 1.4rem;
    }
    h2 {
      margin: 0 0 0.75rem;
      font-size: 1.1rem;
    }
    .asof {
      display: flex;
      align-items: center;
      gap: 0.4rem;
      font-size: var(--text-sm);
      color: var(--muted);
    }
    .asof .field {
      width: auto;
      padding: 0.4rem 0.5rem;
    }
    .export {
      font-weight: 600;
    }
    .quiet {
      padding: 0.55rem 0.9rem;
      border: 1px solid var(--border);
      border-radius: var(--radius);
      background: var(--surface);
      cursor: pointer;
    }
    .card {
      padding: 1rem 1.25rem;
      border-radius: var(--radius-lg);
      background: var(--surface);
      box-shadow: var(--shadow-sm);
    }
    .card[aria-busy='true'] {
      opacity: 0.75;
    }
    .sub {
      margin: 0 0 0.75rem;
      color: var(--muted);
      font-size: var(--text-sm);
    }
    .banner,
    .error {
      margin: 0 0 0.75rem;
      padding: 0.6rem 0.8rem;
      border: 1px solid var(--danger-border);
      border-radius: var(--radius);
      background: var(--danger-bg);
    }
    .banner {
      font-weight: 600;
      border-width: 2px;
    }
    .charts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
      gap: 1rem;
    }
    figure {
      margin: 0;
      min-width: 0;
    }
    figcaption {
      margin-bottom: 0.4rem;
      font-weight: 600;
      font-size: var(--text-sm);
    }
  `,
})
export class AdminComponent {
  protected readonly store = inject(AdminStore);
  protected readonly today = utcToday();

  protected readonly busy = computed(
    () => this.store.summaryLoading() || this.store.dailyLoading() || this.store.usersLoading(),
  );
  protected readonly srmText = computed(() => {
    const summary = this.store.summary();
    return summary ? srmWarning(summary.srm) : '';
  });
  protected readonly totals = computed(() => {
    const s = this.store.summary();
    if (!s) return '';
    const { users, messages, visits } = s.totals;
    return `As of the end of ${s.asOf} (UTC): ${formatCount(users)} users, ${formatCount(messages)} messages, ${formatCount(visits)} visits.`;
  });
  protected readonly activeChart = computed(() => {
    const daily = this.store.daily();
    return daily ? dailyActiveChart(daily) : null;
  });
  protected readonly messagesChart = computed(() => {
    const daily = this.store.daily();
    return daily ? dailyMessagesChart(daily) : null;
  });
  protected readonly shownDaily = computed(() => {
    const daily = this.store.daily();
    return daily ? fromFirstActiveDay(daily) : null;
  });
  protected readonly retention = computed(() => {
    const summary = this.store.summary();
    return summary ? retentionCurveChart(summary) : null;
  });
  protected readonly curveEmpty = computed(() => {
    const summary = this.store.summary();
    return summary ? emptyCurveReason(summary) : null;
  });
  /** The export of the cut the readout shows. */
  protected readonly exportUrl = computed(() => `/admin/export/users.csv?asOf=${this.store.summary()?.asOf ?? this.store.asOf()}`);

  protected onAsOf(event: Event): void {
    const input = event.target as HTMLInputElement;
    this.store.setAsOf(input.value);
    // An empty or invalid day is ignored: show the day the page is on.
    if (input.value !== this.store.asOf()) input.value = this.store.asOf();
  }
}
