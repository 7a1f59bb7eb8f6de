import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { Summary } from '../data-access/admin.models';
import { formatCount, formatRetention } from '../util/format';

/** Users per ISO week of their first visit and arm, with D1 and D7 of that week's users. */
@Component({
  selector: 'ml-admin-cohorts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (cohorts().length === 0) {
      <p class="sub">No cohorts yet: users join a weekly cohort with their first visit.</p>
    } @else {
      <div class="table-scroll" tabindex="0" role="region" aria-label="Weekly cohorts">
        <table class="data-table" data-testid="cohorts-table">
          <caption class="visually-hidden">Weekly cohorts by first visit, per arm</caption>
          <thead>
            <tr>
              <th scope="col">Week of (Monday, UTC)</th>
              <th scope="col">Arm</th>
              <th scope="col" class="num">Users</th>
              <th scope="col" class="num">D1</th>
              <th scope="col" class="num">D7</th>
            </tr>
          </thead>
          <tbody>
            @for (cohort of cohorts(); track cohort.week + cohort.variant) {
              <tr data-testid="cohort-row">
                <th scope="row">{{ cohort.week }}</th>
                <td>{{ cohort.variant }}</td>
                <td class="num">{{ count(cohort.users) }}</td>
                <td class="num">{{ retention(cohort.d1) }}</td>
                <td class="num">{{ retention(cohort.d7) }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
  styles: `
    .sub {
      margin: 0;
      color: var(--muted);
      font-size: var(--text-sm);
    }
  `,
})
export class CohortsComponent {
  readonly cohorts = input.required<Summary['cohorts']>();
  protected readonly count = formatCount;
  protected readonly retention = formatRetention;
}
