import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { VARIANTS } from '@moodlobby/shared';
import type { ComparisonMetric, Summary } from '../data-access/admin.models';
import {
  formatCount,
  formatDuration,
  formatInterval,
  formatPoints,
  formatPValue,
  formatRetention,
  formatSignificant,
  formatSigned,
  verdict,
} from '../util/format';

const METRICS: { metric: ComparisonMetric; label: string; points: boolean }[] = [
  { metric: 'd1', label: 'D1 retention', points: true },
  { metric: 'd7', label: 'D7 retention', points: true },
  { metric: 'messagesPerUser', label: 'Messages per user', points: false },
];

/** The experiment readout: one row per arm, then TREATMENT − CONTROL per metric with a verdict. */
@Component({
  selector: 'ml-admin-readout',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="table-scroll">
      <table class="data-table" data-testid="readout-table">
        <caption class="visually-hidden">Per arm, as of {{ summary().asOf }}</caption>
        <thead>
          <tr>
            <th scope="col">Arm</th>
            <th scope="col" class="num">Users</th>
            <th scope="col" class="num">Messages</th>
            <th scope="col" class="num">Msgs / user</th>
            <th scope="col" class="num">Visits</th>
            <th scope="col" class="num">Mean visit</th>
            <th scope="col" class="num">D1</th>
            <th scope="col" class="num">D7</th>
          </tr>
        </thead>
        <tbody>
          @for (row of arms(); track row.arm) {
            <tr data-testid="readout-arm" [attr.data-arm]="row.arm">
              <th scope="row">{{ row.arm }}</th>
              <td class="num">{{ row.users }}</td>
              <td class="num">{{ row.messages }}</td>
              <td class="num">{{ row.messagesPerUser }}</td>
              <td class="num">{{ row.visits }}</td>
              <td class="num">{{ row.meanVisit }}</td>
              <td class="num">{{ row.d1 }}</td>
              <td class="num">{{ row.d7 }}</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
    <div class="table-scroll">
      <table class="data-table">
        <caption class="visually-hidden">TREATMENT minus CONTROL</caption>
        <thead>
          <tr>
            <th scope="col">TREATMENT − CONTROL</th>
            <th scope="col" class="num">Difference</th>
            <th scope="col" class="num">95% CI</th>
            <th scope="col" class="num">p</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          @for (row of diffs(); track row.metric) {
            <tr data-testid="readout-diff" [attr.data-metric]="row.metric">
              <th scope="row">{{ row.label }}</th>
              <td class="num">{{ row.diff }}</td>
              <td class="num">{{ row.ci }}</td>
              <td class="num">{{ row.p }}</td>
              <td data-testid="verdict" class="verdict" [attr.data-tone]="row.verdict.tone">{{ row.verdict.text }}</td>
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    :host {
      display: grid;
      gap: 1rem;
    }
    .verdict {
      white-space: normal;
      font-weight: 600;
    }
    [data-tone='better'] {
      color: var(--ok);
    }
    [data-tone='worse'] {
      color: var(--danger);
    }
    [data-tone='neutral'],
    [data-tone='unknown'] {
      color: var(--muted);
      font-weight: 400;
    }
  `,
})
export class ReadoutComponent {
  readonly summary = input.required<Summary>();

  protected readonly arms = computed(() =>
    VARIANTS.map((arm) => {
      const a = this.summary().arms[arm];
      return {
        arm,
        users: formatCount(a.users),
        messages: formatCount(a.messages),
        messagesPerUser: formatSignificant(a.messagesPerUser),
        visits: formatCount(a.visits),
        meanVisit: formatDuration(a.meanVisitLengthMs),
        d1: formatRetention(a.d1),
        d7: formatRetention(a.d7),
      };
    }),
  );

  protected readonly diffs = computed(() =>
    METRICS.map(({ metric, label, points }) => {
      const c = this.summary().comparison[metric];
      return {
        metric,
        label,
        diff: points ? formatPoints(c.diff) : formatSigned(c.diff),
        ci: formatInterval(c.ciLow, c.ciHigh, points),
        p: formatPValue(c.pValue),
        verdict: verdict(metric, c),
      };
    }),
  );
}
