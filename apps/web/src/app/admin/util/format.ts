import type { Comparison, ComparisonMetric, Retention, Srm, Summary } from '../data-access/admin.models';

/** Shown for a value that does not exist yet (nobody eligible, no ended visits, …). */
export const DASH = '—';
/** The true minus sign: reads as "minus", and lines up with "+". */
const MINUS = '\u2212';

const sig3 = new Intl.NumberFormat('en-US', { minimumSignificantDigits: 3, maximumSignificantDigits: 3 });
const sig3Signed = new Intl.NumberFormat('en-US', {
  minimumSignificantDigits: 3,
  maximumSignificantDigits: 3,
  signDisplay: 'exceptZero',
});
const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const percent1 = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

const isNumber = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);
const minus = (s: string) => s.replace(/-/g, MINUS);

/** 3 significant digits: 0.0523 → "0.0523", 2 → "2.00", 1234 → "1,230". */
export function formatSignificant(x: number | null | undefined): string {
  return isNumber(x) ? minus(sig3.format(x)) : DASH;
}

/** 3 significant digits with an explicit sign: "+1.20", "−0.0400", "0.00". */
export function formatSigned(x: number | null | undefined): string {
  return isNumber(x) ? minus(sig3Signed.format(x)) : DASH;
}

/** A whole count with grouping: 12345 → "12,345". */
export function formatCount(n: number | null | undefined): string {
  return isNumber(n) ? count.format(n) : DASH;
}

/** A rate or share in [0, 1] as a percentage with one decimal: 0.4286 → "42.9%". */
export function formatRate(rate: number | null | undefined): string {
  return isNumber(rate) ? percent1.format(rate) : DASH;
}

/** Day-N retention as "rate (retained/eligible)", or "—" while nobody is eligible. */
export function formatRetention(r: Retention): string {
  return isNumber(r.rate) ? `${formatRate(r.rate)} (${formatCount(r.retained)}/${formatCount(r.eligible)})` : DASH;
}

/** A difference of two rates in percentage points: 0.0523 → "+5.23 pp". */
export function formatPoints(diff: number | null | undefined): string {
  return isNumber(diff) ? `${formatSigned(diff * 100)} pp` : DASH;
}

/** A 95% interval: "[−1.20, +9.26] pp" for rates (`points`), "[−0.100, +1.15]" otherwise. */
export function formatInterval(low: number | null, high: number | null, points: boolean): string {
  if (!isNumber(low) || !isNumber(high)) return DASH;
  const scale = points ? 100 : 1;
  return `[${formatSigned(low * scale)}, ${formatSigned(high * scale)}]${points ? ' pp' : ''}`;
}

/** A p-value to 3 significant digits, "< 0.001" when smaller. */
export function formatPValue(p: number | null | undefined): string {
  if (!isNumber(p)) return DASH;
  return p < 0.001 ? '< 0.001' : formatSignificant(p);
}

/** A duration in ms, to the second: "45 s", "1 m 23 s", "2 h 5 m". */
export function formatDuration(ms: number | null | undefined): string {
  if (!isNumber(ms) || ms < 0) return DASH;
  const total = Math.round(ms / 1000);
  if (total === 0) return ms > 0 ? '< 1 s' : '0 s';
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours} h ${minutes} m`;
  if (minutes > 0) return `${minutes} m ${seconds} s`;
  return `${seconds} s`;
}

/** A latency in ms: "340 ms", "1.25 s". */
export function formatLatency(ms: number | null | undefined): string {
  if (!isNumber(ms)) return DASH;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${formatSignificant(ms / 1000)} s`;
}

/** An ISO instant as "2026-11-25 14:03" (UTC). */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? DASH : date.toISOString().slice(0, 16).replace('T', ' ');
}

export type VerdictTone = 'better' | 'worse' | 'neutral' | 'unknown';

export interface Verdict {
  text: string;
  tone: VerdictTone;
}

const EFFECT: Record<ComparisonMetric, { more: string; fewer: string }> = {
  d1: { more: 'TREATMENT retains more users on day 1', fewer: 'TREATMENT retains fewer users on day 1' },
  d7: { more: 'TREATMENT retains more users on day 7', fewer: 'TREATMENT retains fewer users on day 7' },
  messagesPerUser: {
    more: 'TREATMENT users send more messages',
    fewer: 'TREATMENT users send fewer messages',
  },
};

/**
 * The readout of one TREATMENT − CONTROL comparison in plain words, on the always-valid
 * (sequential) 95% interval: the one that stays right when the page is looked at every day.
 */
export function verdict(metric: ComparisonMetric, c: Comparison): Verdict {
  if (!c.sequential || !isNumber(c.diff)) return { text: 'Not enough data yet', tone: 'unknown' };
  if (!c.sequential.significant) return { text: 'No clear difference yet', tone: 'neutral' };
  const better = c.sequential.ciLow > 0;
  const effect = better ? EFFECT[metric].more : EFFECT[metric].fewer;
  return { text: `${effect} (always-valid 95%)`, tone: better ? 'better' : 'worse' };
}

/** A probability as a whole percentage, "> 99%" / "< 1%" at the ends: 0.873 → "87%". */
export function formatChance(p: number | null | undefined): string {
  if (!isNumber(p)) return DASH;
  if (p > 0.99) return '> 99%';
  if (p < 0.01) return '< 1%';
  return `${Math.round(p * 100)}%`;
}

const METRIC_NAME: Record<ComparisonMetric, string> = { d1: 'D1 retention', d7: 'D7 retention', messagesPerUser: 'messages per user' };

export interface DecisionText {
  headline: string;
  detail: string;
  tone: VerdictTone;
}

/**
 * The readout's decision (SPEC 10.1) as a product manager reads it: what to do, then why, in
 * the primary metric's own terms.
 */
export function decisionText(summary: Summary): DecisionText {
  const { verdict: call, metric, targetLift, daysToTarget } = summary.decision;
  const c = summary.comparison[metric];
  const name = METRIC_NAME[metric];
  const target = formatPoints(targetLift).replace(/^\+/, '+');
  const interval = c.sequential ? formatInterval(Math.max(-1, c.sequential.ciLow), Math.min(1, c.sequential.ciHigh), true) : DASH;
  switch (call) {
    case 'srm':
      return {
        headline: 'Stop and check the split: the arms are not the sizes they should be',
        detail: `${srmWarning(summary.srm)}`,
        tone: 'worse',
      };
    case 'ship':
      return {
        headline: `Ship TREATMENT: it raises ${name} by ${formatPoints(c.diff)}`,
        detail: `Always-valid 95% interval ${interval}, entirely above zero; chance TREATMENT is better ${formatChance(c.chanceToWin)}.`,
        tone: 'better',
      };
    case 'stop':
      return {
        headline: `Stop: TREATMENT lowers ${name} by ${formatPoints(c.diff).replace(/^\u2212/, '')}`,
        detail: `Always-valid 95% interval ${interval}, entirely below zero; chance TREATMENT is better ${formatChance(c.chanceToWin)}.`,
        tone: 'worse',
      };
    default: {
      const wait =
        daysToTarget === null
          ? c.mde80 === null
            ? `Not enough ${metric.toUpperCase()} data yet to say how long it will take to detect ${target}.`
            : `No new users have become eligible for ${metric.toUpperCase()} lately, so there is no estimate of when ${target} becomes detectable.`
          : daysToTarget === 0
            ? `The experiment is already large enough to detect ${target} (it could detect ${formatPoints(c.mde80).replace(/^\+/, '')}); no difference that size has shown up.`
            : `About ${formatCount(daysToTarget)} more day${daysToTarget === 1 ? '' : 's'} to detect ${target} on ${metric.toUpperCase()}.`;
      return {
        headline: daysToTarget !== null && daysToTarget > 0 ? `Keep running — about ${formatCount(daysToTarget)} more day${daysToTarget === 1 ? '' : 's'} to detect ${target} on ${metric.toUpperCase()}` : 'Keep running',
        detail: `${wait} No clear difference in ${name} yet (always-valid 95% interval ${interval}).`,
        tone: 'neutral',
      };
    }
  }
}

/** The banner text for a flagged sample-ratio mismatch. */
export function srmWarning(srm: Srm): string {
  return (
    `Sample ratio mismatch: TREATMENT has ${formatRate(srm.observedTreatmentShare)} of users, ` +
    `${formatRate(srm.expectedTreatmentShare)} expected (p ${srm.pValue !== null && srm.pValue < 0.001 ? '< 0.001' : `= ${formatPValue(srm.pValue)}`}). ` +
    'Assignment or logging may be broken: do not trust the readout until this is explained.'
  );
}
