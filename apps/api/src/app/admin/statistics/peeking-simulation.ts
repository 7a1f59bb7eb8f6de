/**
 * Simulated experiments read out every day, through the readout's own statistics: how often a
 * daily look ever calls a winner when there is none (A/A), and how soon a real lift is found.
 *
 * Each simulated day brings `usersPerDay` new users, each put in TREATMENT with probability ½;
 * each is Day-N retained with probability `baseRate` (CONTROL) or `baseRate + lift` (TREATMENT).
 * The look on the morning of day k sees the cohorts whose Day N is over (cohort day + N < k),
 * exactly as the readout's eligibility rule does, and asks both intervals whether they exclude 0.
 */
import { mulberry32 } from '@moodlobby/shared';
import { compareProportions } from './comparisons';
import { sequentialInterval } from './sequential';

export interface PeekingOptions {
  experiments: number;
  /** Daily looks per experiment (looks at the mornings of days 1 … looks). */
  looks: number;
  usersPerDay: number;
  /** Retention day N (7 for D7). */
  retentionDay: number;
  baseRate: number;
  /** Absolute TREATMENT − CONTROL difference in the true rates (0 for an A/A test). */
  lift: number;
  /** SEQUENTIAL_TUNING_N. */
  tuningN: number;
  seed: number;
}

export interface PeekingResult {
  options: PeekingOptions;
  /** Share of experiments in which the fixed-horizon 95% interval ever excluded 0. */
  fixedEverSignificant: number;
  /** Share of experiments in which the sequential interval ever excluded 0. */
  sequentialEverSignificant: number;
  /** Share in which the sequential interval ever lay above 0 (a correct "ship" when lift > 0). */
  sequentialEverAbove: number;
  /** Median look (day) of the sequential interval's first exclusion of 0, among those that had one. */
  sequentialMedianDay: number | null;
  fixedMedianDay: number | null;
}

export const DEFAULT_PEEKING: PeekingOptions = {
  experiments: 2000,
  looks: 30,
  usersPerDay: 200,
  retentionDay: 7,
  baseRate: 0.25,
  lift: 0,
  tuningN: 5000,
  seed: 20261205,
};

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function simulatePeeking(overrides: Partial<PeekingOptions> = {}): PeekingResult {
  const options = { ...DEFAULT_PEEKING, ...overrides };
  const { experiments, looks, usersPerDay, retentionDay, baseRate, lift, tuningN } = options;
  const next = mulberry32(options.seed);
  let fixedHits = 0;
  let sequentialHits = 0;
  let sequentialAbove = 0;
  const sequentialDays: number[] = [];
  const fixedDays: number[] = [];

  for (let e = 0; e < experiments; e++) {
    // Per cohort day: users and retained per arm.
    const nT = new Array<number>(looks).fill(0);
    const xT = new Array<number>(looks).fill(0);
    const nC = new Array<number>(looks).fill(0);
    const xC = new Array<number>(looks).fill(0);
    for (let day = 0; day < looks; day++) {
      for (let u = 0; u < usersPerDay; u++) {
        if (next() < 0.5) {
          nT[day]++;
          if (next() < baseRate + lift) xT[day]++;
        } else {
          nC[day]++;
          if (next() < baseRate) xC[day]++;
        }
      }
    }
    let fixedDay: number | null = null;
    let sequentialDay: number | null = null;
    let above = false;
    const totals = { nT: 0, xT: 0, nC: 0, xC: 0 };
    for (let look = 1; look <= looks; look++) {
      // The cohort whose Day N ended before this morning joins the eligible users.
      const cohort = look - retentionDay - 1;
      if (cohort < 0) continue;
      totals.nT += nT[cohort];
      totals.xT += xT[cohort];
      totals.nC += nC[cohort];
      totals.xC += xC[cohort];
      const fixed = compareProportions(totals.xT, totals.nT, totals.xC, totals.nC);
      if (fixed.ciLow === null || fixed.ciHigh === null) continue;
      if (fixedDay === null && (fixed.ciLow > 0 || fixed.ciHigh < 0)) fixedDay = look;
      const sequential = sequentialInterval(fixed.diff, fixed.se, totals.nT + totals.nC, tuningN);
      if (sequential?.significant) {
        sequentialDay ??= look;
        if (sequential.ciLow > 0) above = true;
      }
    }
    if (fixedDay !== null) {
      fixedHits++;
      fixedDays.push(fixedDay);
    }
    if (sequentialDay !== null) {
      sequentialHits++;
      sequentialDays.push(sequentialDay);
    }
    if (above) sequentialAbove++;
  }

  return {
    options,
    fixedEverSignificant: fixedHits / experiments,
    sequentialEverSignificant: sequentialHits / experiments,
    sequentialEverAbove: sequentialAbove / experiments,
    sequentialMedianDay: median(sequentialDays),
    fixedMedianDay: median(fixedDays),
  };
}
