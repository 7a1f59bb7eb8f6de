import { VARIANTS, type Variant } from '@moodlobby/shared';
import type { Daily, DailyArm, Summary } from '../data-access/admin.models';
import { formatCount, formatRetention } from './format';

/** What a chart shows, independent of Chart.js: the page builds these, `ChartComponent` draws them. */
export interface ChartSpec {
  type: 'line' | 'bar';
  labels: string[];
  series: ChartSeries[];
  /** How the y axis reads: whole counts, or percentages 0–100. */
  unit: 'count' | 'percent';
  /** The data in plain words, for the canvas's aria-label. */
  summary: string;
}

export interface ChartSeries {
  arm: Variant;
  label: string;
  data: (number | null)[];
}

/** Daily active users per arm, one point per day. */
export function dailyActiveChart(daily: Daily): ChartSpec {
  return dailySeries(daily, 'line', 'activeUsers', (arm, values) => {
    const peak = peakOf(values, daily);
    const latest = values.at(-1) ?? 0;
    return peak
      ? `${arm}: peak ${formatCount(peak.value)} on ${peak.day}, ${formatCount(latest)} on ${daily.to}`
      : `${arm}: nobody active`;
  }, 'Daily active users per arm');
}

/** Messages per arm per day. */
export function dailyMessagesChart(daily: Daily): ChartSpec {
  return dailySeries(daily, 'bar', 'messages', (arm, values) => {
    const total = values.reduce((sum, v) => sum + v, 0);
    const peak = peakOf(values, daily);
    return peak
      ? `${arm}: ${formatCount(total)} in total, peak ${formatCount(peak.value)} on ${peak.day}`
      : `${arm}: no messages`;
  }, 'Messages per arm per day');
}

/** Day-1 and Day-7 retention, CONTROL next to TREATMENT, in percent (no bar while nobody is eligible). */
export function retentionChart(summary: Summary): ChartSpec {
  const rate = (r: number | null) => (r === null ? null : round(r * 100, 2));
  const words = (day: 'd1' | 'd7') =>
    VARIANTS.map((arm) => {
      const text = formatRetention(summary.arms[arm][day]);
      return `${arm} ${text === '—' ? 'no data yet' : text}`;
    }).join(', ');
  return {
    type: 'bar',
    labels: ['Day 1', 'Day 7'],
    series: VARIANTS.map((arm) => ({
      arm,
      label: arm,
      data: [rate(summary.arms[arm].d1.rate), rate(summary.arms[arm].d7.rate)],
    })),
    unit: 'percent',
    summary: `Retention as of ${summary.asOf}. Day 1: ${words('d1')}. Day 7: ${words('d7')}.`,
  };
}

function dailySeries(
  daily: Daily,
  type: ChartSpec['type'],
  field: keyof DailyArm,
  describe: (arm: Variant, values: number[]) => string,
  title: string,
): ChartSpec {
  const series = VARIANTS.map((arm) => ({ arm, label: arm, data: daily.days.map((d) => d.arms[arm][field]) }));
  const parts = series.map((s) => describe(s.arm, s.data));
  return {
    type,
    labels: daily.days.map((d) => d.day),
    series,
    unit: 'count',
    summary: `${title}, ${daily.from} to ${daily.to}. ${parts.join('. ')}.`,
  };
}

/** The highest non-zero value and its (first) day, or null when all are zero. */
function peakOf(values: number[], daily: Daily): { value: number; day: string } | null {
  let best = -1;
  values.forEach((v, i) => {
    if (v > 0 && (best < 0 || v > values[best])) best = i;
  });
  return best < 0 ? null : { value: values[best], day: daily.days[best].day };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
