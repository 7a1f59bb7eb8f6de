/**
 * The statistics of the experiment readout (SPEC section 10), as pure functions.
 * Normal: erfc by Numerical Recipes' Chebyshev fit (relative error < 1.2e-7).
 * Student's t: the regularised incomplete beta function by Lentz's continued fraction.
 */

import type { Comparison } from '@moodlobby/shared';

export const Z_975 = 1.959964;

const NONE: Comparison = { diff: null, ciLow: null, ciHigh: null, pValue: null };

export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** P(Z > |z|) · 2 for a standard normal Z. */
export function twoSidedNormalP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/**
 * Two-proportion comparison, T − C: unpooled 95% interval, pooled two-sided z-test.
 * All null when an arm has nobody eligible or the pooled variance is 0.
 */
export function compareProportions(xT: number, nT: number, xC: number, nC: number): Comparison {
  if (nT === 0 || nC === 0) return NONE;
  const pT = xT / nT;
  const pC = xC / nC;
  const pooled = (xT + xC) / (nT + nC);
  const pooledVariance = pooled * (1 - pooled) * (1 / nT + 1 / nC);
  if (pooledVariance === 0) return NONE;
  const diff = pT - pC;
  const se = Math.sqrt((pT * (1 - pT)) / nT + (pC * (1 - pC)) / nC);
  return { diff, ciLow: diff - Z_975 * se, ciHigh: diff + Z_975 * se, pValue: twoSidedNormalP(diff / Math.sqrt(pooledVariance)) };
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
export function welch(t: Sample, c: Sample): Comparison & { df: number | null } {
  if (t.n < 2 || c.n < 2) return { ...NONE, df: null };
  const vt = t.variance / t.n;
  const vc = c.variance / c.n;
  const se = Math.sqrt(vt + vc);
  if (se === 0) return { ...NONE, df: null };
  const df = (vt + vc) ** 2 / (vt ** 2 / (t.n - 1) + vc ** 2 / (c.n - 1));
  const diff = t.mean - c.mean;
  const margin = studentTQuantile(0.975, df) * se;
  return { diff, ciLow: diff - margin, ciHigh: diff + margin, pValue: studentTTwoSidedP(diff / se, df), df };
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

/** P(|T| > |t|) for Student's t with `df` degrees of freedom. */
export function studentTTwoSidedP(t: number, df: number): number {
  return Math.min(1, regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5));
}

/** The p-quantile of Student's t (p in (0.5, 1)), by bisection on the CDF. */
export function studentTQuantile(p: number, df: number): number {
  const upperTail = 1 - p;
  let low = 0;
  let high = 1;
  while (studentTTwoSidedP(high, df) / 2 > upperTail) high *= 2;
  for (let i = 0; i < 100; i++) {
    const mid = (low + high) / 2;
    if (studentTTwoSidedP(mid, df) / 2 > upperTail) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** I_x(a, b), the regularised incomplete beta function. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(x, a, b)) / a : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    for (const numerator of [(m * (b - m) * x) / ((a + m2 - 1) * (a + m2)), (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))]) {
      d = 1 + numerator * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + numerator / c;
      if (Math.abs(c) < tiny) c = tiny;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return h;
}

/** ln Γ(x) by the Lanczos approximation (g = 7, n = 9). */
export function logGamma(x: number): number {
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = g[0];
  for (let i = 1; i < 9; i++) sum += g[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
