/**
 * The fixed-horizon comparisons of the readout (SPEC section 10): two proportions, Welch's t-test
 * of two means, and the sample-ratio-mismatch check.
 */
import type { FixedComparison } from '@moodlobby/shared';
import { studentTQuantile, studentTTwoSidedP, twoSidedNormalP } from './distributions';

/** SPEC 10's z for the 95% fixed-horizon interval, as written there. */
export const Z_975 = 1.959964;

const NONE: FixedComparison = { diff: null, ciLow: null, ciHigh: null, pValue: null, se: null };

/**
 * Two-proportion comparison, T − C: unpooled 95% interval, pooled two-sided z-test.
 * All null when an arm has nobody eligible or the pooled variance is 0.
 */
export function compareProportions(xT: number, nT: number, xC: number, nC: number): FixedComparison {
  if (nT === 0 || nC === 0) return NONE;
  const pooledVariance = pooledProportionVariance(xT, nT, xC, nC);
  if (pooledVariance === 0) return NONE;
  const pT = xT / nT;
  const pC = xC / nC;
  const diff = pT - pC;
  const se = Math.sqrt((pT * (1 - pT)) / nT + (pC * (1 - pC)) / nC);
  return { diff, ciLow: diff - Z_975 * se, ciHigh: diff + Z_975 * se, pValue: twoSidedNormalP(diff / Math.sqrt(pooledVariance)), se };
}

/** p(1 − p)(1/nT + 1/nC) with the pooled p = (xT + xC) / (nT + nC). */
export function pooledProportionVariance(xT: number, nT: number, xC: number, nC: number): number {
  const pooled = (xT + xC) / (nT + nC);
  return pooled * (1 - pooled) * (1 / nT + 1 / nC);
}

export interface Sample {
  n: number;
  mean: number;
  /** Sample variance (n − 1 in the denominator). */
  variance: number;
}

/** A sample's n, mean and variance from its count, sum and sum of squares. */
export function sampleFromSums(n: number, sum: number, sumOfSquares: number): Sample {
  if (n === 0) return { n: 0, mean: 0, variance: 0 };
  const mean = sum / n;
  const variance = n > 1 ? Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1)) : 0;
  return { n, mean, variance };
}

/**
 * Welch's t-test of T − C: two-sided p from Student's t with Welch–Satterthwaite degrees of
 * freedom, interval diff ± t(0.975, df)·SE. Null when either arm has fewer than two users or
 * both variances are 0.
 */
export function welch(t: Sample, c: Sample): FixedComparison & { df: number | null } {
  if (t.n < 2 || c.n < 2) return { ...NONE, df: null };
  const vt = t.variance / t.n;
  const vc = c.variance / c.n;
  const se = Math.sqrt(vt + vc);
  if (se === 0) return { ...NONE, df: null };
  const df = (vt + vc) ** 2 / (vt ** 2 / (t.n - 1) + vc ** 2 / (c.n - 1));
  const diff = t.mean - c.mean;
  const margin = studentTQuantile(0.975, df) * se;
  return { diff, ciLow: diff - margin, ciHigh: diff + margin, pValue: studentTTwoSidedP(diff / se, df), se, df };
}

/** Chi-square goodness of fit of two observed counts against a share (1 degree of freedom). */
export function sampleRatioMismatch(
  treatment: number,
  control: number,
  treatmentShare: number,
): { chiSquare: number | null; pValue: number | null } {
  const total = treatment + control;
  const expectedT = total * treatmentShare;
  const expectedC = total * (1 - treatmentShare);
  if (total === 0 || expectedT === 0 || expectedC === 0) return { chiSquare: null, pValue: null };
  const chiSquare = (treatment - expectedT) ** 2 / expectedT + (control - expectedC) ** 2 / expectedC;
  // For 1 df, P(X² > x) = P(|Z| > √x).
  return { chiSquare, pValue: twoSidedNormalP(Math.sqrt(chiSquare)) };
}
