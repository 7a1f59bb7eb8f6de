/**
 * Always-valid ("sequential") intervals: the asymptotic confidence sequence of Waudby-Smith,
 * Arnold, Wu, Ramdas et al., "Time-uniform central limit theory and asymptotic confidence
 * sequences" (Annals of Statistics, 2024; arXiv 2103.06476), in the form GrowthBook uses
 * (SPEC 10.1). An interval that holds at every sample size at once may be looked at daily
 * without inflating the chance of a false "significant".
 */
import type { SequentialInterval } from '@moodlobby/shared';

export const SEQUENTIAL_ALPHA = 0.05;


/**
 * The half-width for a difference with fixed-horizon standard error `se` from `n` units in all,
 * tuned to be tightest near `tuningN` units (N*):
 * s·sqrt( (n·ρ² + 1) / (n²·ρ²) · ln((n·ρ² + 1) / α²) ), s = se·√n,
 * ρ² = (−2 ln α + ln(−2 ln α + 1)) / N*.
 */
export function sequentialHalfWidth(se: number, n: number, tuningN: number, alpha = SEQUENTIAL_ALPHA): number {
  const s = se * Math.sqrt(n);
  const rho2 = (-2 * Math.log(alpha) + Math.log(-2 * Math.log(alpha) + 1)) / tuningN;
  return s * Math.sqrt(((n * rho2 + 1) / (n * n * rho2)) * Math.log((n * rho2 + 1) / (alpha * alpha)));
}

/** diff ± the sequential half-width; null when the fixed-horizon comparison is null. */
export function sequentialInterval(
  diff: number | null,
  se: number | null,
  n: number,
  tuningN: number,
  alpha = SEQUENTIAL_ALPHA,
): SequentialInterval | null {
  if (diff === null || se === null || n <= 0) return null;
  const halfWidth = sequentialHalfWidth(se, n, tuningN, alpha);
  const ciLow = diff - halfWidth;
  const ciHigh = diff + halfWidth;
  return { ciLow, ciHigh, halfWidth, significant: ciLow > 0 || ciHigh < 0 };
}
