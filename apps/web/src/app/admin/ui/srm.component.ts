import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ArmSummary, Arms, Srm } from '../data-access/admin.models';
import { formatCount, formatPValue, formatRate, formatSignificant } from '../util/format';

/** The sample-ratio check: TREATMENT's share of users, observed against configured. */
@Component({
  selector: 'ml-admin-srm',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dl class="facts">
      <div>
        <dt>Observed TREATMENT share</dt>
        <dd>{{ observed() }} <span class="sub">({{ counts() }})</span></dd>
      </div>
      <div>
        <dt>Expected</dt>
        <dd>{{ expected() }}</dd>
      </div>
      <div>
        <dt>χ² (1 df)</dt>
        <dd>{{ chiSquare() }}</dd>
      </div>
      <div>
        <dt>p</dt>
        <dd>{{ pValue() }}</dd>
      </div>
      <div>
        <dt>Status</dt>
        <dd [class.flag]="srm().flagged" data-testid="srm-status">{{ status() }}</dd>
      </div>
    </dl>
  `,
  styles: `
    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem 2rem;
      margin: 0;
    }
    dt {
      color: var(--muted);
      font-size: var(--text-sm);
    }
    dd {
      margin: 0;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    .sub {
      color: var(--muted);
      font-weight: 400;
      font-size: var(--text-sm);
    }
    .flag {
      color: var(--danger);
    }
  `,
})
export class SrmComponent {
  readonly srm = input.required<Srm>();
  readonly arms = input.required<Arms<ArmSummary>>();

  protected readonly observed = computed(() => formatRate(this.srm().observedTreatmentShare));
  protected readonly expected = computed(() => formatRate(this.srm().expectedTreatmentShare));
  protected readonly chiSquare = computed(() => formatSignificant(this.srm().chiSquare));
  protected readonly pValue = computed(() => formatPValue(this.srm().pValue));
  protected readonly status = computed(() => {
    const { flagged, pValue } = this.srm();
    if (flagged) return 'Mismatch (p < 0.001)';
    return pValue === null ? 'Not enough data yet' : 'OK';
  });
  protected readonly counts = computed(() => {
    const { CONTROL, TREATMENT } = this.arms();
    return `${formatCount(TREATMENT.users)} of ${formatCount(CONTROL.users + TREATMENT.users)} users`;
  });
}
