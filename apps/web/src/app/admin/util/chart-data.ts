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
export function dailyActiveChart(all: Daily): ChartSpec {
  const daily = fromFirstActiveDay(all);
  return dailySeries(daily, 'line', 'activeUsers', (arm, values) => {
    const peak = peakOf(values, daily);
    const latest = values.at(-1) ?? 0;
    return peak
      ? `${arm}: peak ${formatCount(peak.value)} on ${peak.day}, ${formatCount(latest)} on ${daily.to}`
      : `${arm}: nobody active`;
  }, 'Daily active users per arm');
}

/** Messages per arm per day. */
export function dailyMessagesChart(all: Daily): ChartSpec {
  const daily = fromFirstActiveDay(all);
  return dailySeries(daily, 'bar', 'messages', (arm, values) => {
    const total = values.reduce((sum, v) => sum + v, 0);
    const peak = peakOf(values, daily);
    return peak
      ? `${arm}: ${formatCount(total)} in total, peak ${formatCount(peak.value)} on ${peak.day}`
      : `${arm}: no messages`;
  }, 'Messages per arm per day');
}

/** Day-N retention per arm for N = 1 … 14, in percent; no point while nobody is eligible for that day. */
export function retentionCurveChart(summary: Summary): ChartSpec {
  const rate = (r: number | null) => (r === null ? null : round(r * 100, 2));
  const words = VARIANTS.map((arm) => {
    const known = summary.curve[arm].filter((point) => point.rate !== null);
    if (known.length === 0) return `${arm}: nobody eligible yet`;
    const last = known[known.length - 1];
    return `${arm}: D1 ${formatRetention(summary.curve[arm][0])}, D${last.n} ${formatRetention(last)}`;
  });
  return {
    type: 'line',
    labels: summary.curve.CONTROL.map((point) => `D${point.n}`),
    series: VARIANTS.map((arm) => ({ arm, label: arm, data: summary.curve[arm].map((point) => rate(point.rate)) })),
    unit: 'percent',
    summary: `Retention curve, day 1 to 14, as of ${summary.asOf}. ${words.join('. ')}.`,
  };
}

/** Why the retention curve has nothing to show, or null when it has. */
export function emptyCurveReason(summary: Summary): string | null {
  if (VARIANTS.some((arm) => summary.curve[arm].some((point) => point.eligible > 0))) return null;
  return summary.totals.users === 0
    ? 'No users yet.'
    : `No one is eligible for D1 yet: a user counts for Day N once the whole day N days after their first visit has passed (UTC), so the first point appears two days after the first user arrived.`;
}

/**
 * The daily series from the first day with any activity (the experiment may have started after
 * the window's first day); the whole window when nothing happened in it.
 */
export function fromFirstActiveDay(daily: Daily): Daily {
  const active = (day: Daily['days'][number]) => VARIANTS.some((arm) => day.arms[arm].activeUsers + day.arms[arm].newUsers + day.arms[arm].messages > 0);
  const first = daily.days.findIndex(active);
  if (first <= 0) return daily;
  const days = daily.days.slice(first);
  return { ...daily, from: days[0].day, days };
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
