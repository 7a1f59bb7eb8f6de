import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { VARIANTS } from '@moodlobby/shared';
import type { ComparisonMetric, Summary } from '../data-access/admin.models';
import {
  formatChance,
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

/**
 * The experiment readout: one row per arm, then TREATMENT − CONTROL per metric: the always-valid
 * interval first (safe to look at daily), chance to win, the detectable difference, and the
 * fixed-horizon interval and p-value as secondary figures; the verdict reads the always-valid one.
 */
@Component({
  selector: 'ml-admin-readout',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="table-scroll" tabindex="0" role="region" aria-label="Per arm">
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
    <div class="table-scroll" tabindex="0" role="region" aria-label="TREATMENT minus CONTROL">
      <table class="data-table">
        <caption class="visually-hidden">TREATMENT minus CONTROL</caption>
        <thead>
          <tr>
            <th scope="col">TREATMENT − CONTROL</th>
            <th scope="col" class="num">Difference</th>
            <th scope="col" class="num">Always-valid 95% interval</th>
            <th scope="col" class="num">Chance TREATMENT is better</th>
            <th scope="col" class="num">Detectable now (80% power)</th>
            <th scope="col" class="num secondary">Fixed-horizon 95% CI · p <span class="note">(valid for one look)</span></th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          @for (row of diffs(); track row.metric) {
            <tr data-testid="readout-diff" [attr.data-metric]="row.metric">
              <th scope="row">{{ row.label }}</th>
              <td class="num">{{ row.diff }}</td>
              <td class="num primary" data-testid="sequential-ci">{{ row.sequential }}</td>
              <td class="num" data-testid="chance-to-win">{{ row.chance }}</td>
              <td class="num">{{ row.mde }}</td>
              <td class="num secondary">{{ row.ci }} · p {{ row.p }}</td>
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
    .primary {
      font-weight: 600;
    }
    .secondary {
      color: var(--muted);
      font-size: var(--text-sm);
    }
    .note {
      font-weight: 400;
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
        // A difference of two rates lies in [−100, +100] pp: an always-valid interval wider than
        // that (small samples) is shown cut to what is possible.
        sequential: c.sequential
          ? formatInterval(points ? Math.max(-1, c.sequential.ciLow) : c.sequential.ciLow, points ? Math.min(1, c.sequential.ciHigh) : c.sequential.ciHigh, points)
          : formatInterval(null, null, points),
        chance: formatChance(c.chanceToWin),
        mde: points ? formatPoints(c.mde80).replace(/^\+/, '±') : formatSigned(c.mde80).replace(/^\+/, '±'),
        ci: formatInterval(c.ciLow, c.ciHigh, points),
        p: formatPValue(c.pValue),
        verdict: verdict(metric, c),
      };
    }),
  );
}
