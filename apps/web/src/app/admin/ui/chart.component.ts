import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterRenderEffect,
  inject,
  input,
  viewChild,
} from '@angular/core';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  type ChartDataset,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { Variant } from '@moodlobby/shared';
import type { ChartSpec } from '../util/chart-data';

// Only what the dashboard draws, so the rest of Chart.js is tree-shaken away.
Chart.register(LineController, BarController, LineElement, PointElement, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

type Config = ChartConfiguration<'line' | 'bar', (number | null)[], string>;

interface Palette {
  arms: Record<Variant, string>;
  text: string;
  grid: string;
}

/**
 * One Chart.js chart on a canvas with `role="img"` and a plain-words aria-label. Created after the
 * first render, updated in place when the spec changes, destroyed with the component.
 */
@Component({
  selector: 'ml-admin-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<canvas #canvas role="img" [attr.aria-label]="spec().summary" [attr.data-testid]="testId()"></canvas>`,
  styles: `
    :host {
      display: block;
      position: relative;
      height: 15rem;
      --chart-control: #8792a8;
      --chart-treatment: var(--accent);
    }
  `,
})
export class ChartComponent {
  readonly spec = input.required<ChartSpec>();
  readonly testId = input.required<string>();

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart<'line' | 'bar', (number | null)[], string> | null = null;
  private chartType: ChartSpec['type'] | null = null;

  constructor() {
    afterRenderEffect(() => this.draw(this.spec()));
    inject(DestroyRef).onDestroy(() => {
      this.chart?.destroy();
      this.chart = null;
    });
  }

  private draw(spec: ChartSpec): void {
    const config = toConfig(spec, palette(this.host.nativeElement));
    if (this.chart && this.chartType === spec.type) {
      this.chart.data = config.data;
      this.chart.options = config.options ?? {};
      this.chart.update();
      return;
    }
    this.chart?.destroy();
    this.chart = new Chart(this.canvas().nativeElement, config);
    this.chartType = spec.type;
  }
}

function toConfig(spec: ChartSpec, colors: Palette): Config {
  const percent = spec.unit === 'percent';
  const datasets: ChartDataset<'line' | 'bar', (number | null)[]>[] = spec.series.map((s) => ({
    label: s.label,
    data: s.data,
    backgroundColor: colors.arms[s.arm],
    borderColor: colors.arms[s.arm],
    ...(spec.type === 'line' ? { tension: 0.25, pointRadius: 2, borderWidth: 2 } : { borderRadius: 3 }),
  }));
  return {
    type: spec.type,
    data: { labels: spec.labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      ...(reducedMotion() ? { animation: false as const } : {}),
      interaction: { mode: 'index', intersect: false },
      color: colors.text,
      plugins: {
        legend: { position: 'bottom', labels: { color: colors.text } },
        tooltip: percent ? { callbacks: { label: (c) => `${c.dataset.label}: ${c.formattedValue}%` } } : {},
      },
      scales: {
        x: { ticks: { color: colors.text, maxRotation: 0, autoSkip: true }, grid: { display: false } },
        y: {
          beginAtZero: true,
          ...(percent ? { max: 100 } : {}),
          ticks: {
            color: colors.text,
            precision: 0,
            ...(percent ? { callback: (value: string | number) => `${value}%` } : {}),
          },
          grid: { color: colors.grid },
        },
      },
    },
  };
}

/** Colours from the design tokens, so the charts follow light and dark mode. */
function palette(host: HTMLElement): Palette {
  const style = getComputedStyle(host);
  const token = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    arms: { CONTROL: token('--chart-control', '#8792a8'), TREATMENT: token('--chart-treatment', '#5b4bdb') },
    text: token('--muted', '#5d6275'),
    grid: token('--border', '#d7daea'),
  };
}

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
