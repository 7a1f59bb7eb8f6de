import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MOODS } from '@moodlobby/shared';
import { JOB_STATUSES, type InferenceHealth } from '../data-access/admin.models';
import { formatCount, formatLatency } from '../util/format';

/** Mood inference: jobs by status, those skipped under overload, latency to DONE, and messages by mood. */
@Component({
  selector: 'ml-admin-inference-health',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="group">
      <h3>Jobs</h3>
      <dl class="facts">
        @for (job of jobs(); track job.status) {
          <div [attr.data-status]="job.status">
            <dt>{{ job.status }}</dt>
            <dd [class.bad]="job.status === 'FAILED' && job.count !== '0'">{{ job.count }}</dd>
          </div>
        }
        <div data-status="SKIPPED" title="Never inferred: the message grew older than the overload bound (INFERENCE_MAX_BACKLOG_AGE_MS)">
          <dt>SKIPPED</dt>
          <dd [class.bad]="health().skipped > 0">{{ skipped() }}</dd>
        </div>
        <div>
          <dt>Mean latency</dt>
          <dd data-testid="latency-mean">{{ mean() }}</dd>
        </div>
        <div>
          <dt>p95 latency</dt>
          <dd data-testid="latency-p95">{{ p95() }}</dd>
        </div>
      </dl>
    </div>
    <div class="group">
      <h3>Messages by mood</h3>
      <dl class="facts">
        @for (mood of moodCounts(); track mood.mood) {
          <div [attr.data-mood]="mood.mood">
            <dt class="mood">{{ mood.mood }}</dt>
            <dd>{{ mood.count }}</dd>
          </div>
        }
      </dl>
    </div>
  `,
  styles: `
    :host {
      display: grid;
      gap: 1rem;
    }
    h3 {
      margin: 0 0 0.4rem;
      font-size: var(--text-sm);
      color: var(--muted);
      text-transform: uppercase;
      letter-spacing: 0.05em;
    }
    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.75rem;
      margin: 0;
    }
    dt {
      color: var(--muted);
      font-size: var(--text-sm);
    }
    .mood {
      text-transform: capitalize;
    }
    dd {
      margin: 0;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    .bad {
      color: var(--danger);
    }
  `,
})
export class InferenceHealthComponent {
  readonly health = input.required<InferenceHealth>();
  readonly moods = input.required<Record<string, number>>();

  protected readonly jobs = computed(() =>
    JOB_STATUSES.map((status) => ({ status, count: formatCount(this.health().jobs[status] ?? 0) })),
  );
  protected readonly skipped = computed(() => formatCount(this.health().skipped));
  protected readonly mean = computed(() => formatLatency(this.health().latencyMs.mean));
  protected readonly p95 = computed(() => formatLatency(this.health().latencyMs.p95));
  /** Every known mood (zeros too), then any the server knows and this build does not. */
  protected readonly moodCounts = computed(() => {
    const counts = this.moods();
    const names = [...MOODS, ...Object.keys(counts).filter((m) => !(MOODS as readonly string[]).includes(m))];
    return names.map((mood) => ({ mood, count: formatCount(counts[mood] ?? 0) }));
  });
}
