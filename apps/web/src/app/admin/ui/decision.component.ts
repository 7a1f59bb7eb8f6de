import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Summary } from '../data-access/admin.models';
import { decisionText } from '../util/format';

/** The readout's decision first, in a sentence a product manager acts on. */
@Component({
  selector: 'ml-admin-decision',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="decision" data-testid="decision" [attr.data-verdict]="summary().decision.verdict" [attr.data-tone]="text().tone">
      <p class="headline" data-testid="decision-headline">{{ text().headline }}</p>
      <p class="detail">{{ text().detail }}</p>
    </div>
  `,
  styles: `
    .decision {
      padding: 0.75rem 1rem;
      border-left: 0.35rem solid var(--muted);
      border-radius: var(--radius);
      background: var(--surface-2, var(--surface));
    }
    [data-tone='better'] {
      border-left-color: var(--ok);
    }
    [data-tone='worse'] {
      border-left-color: var(--danger);
    }
    .headline {
      margin: 0 0 0.3rem;
      font-size: 1.15rem;
      font-weight: 700;
    }
    .detail {
      margin: 0;
      color: var(--muted);
      font-size: var(--text-sm);
    }
  `,
})
export class DecisionComponent {
  readonly summary = input.required<Summary>();
  protected readonly text = computed(() => decisionText(this.summary()));
}
