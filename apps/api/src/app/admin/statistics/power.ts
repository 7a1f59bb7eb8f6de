/**
 * Power and time to a decision (SPEC 10.1): the smallest difference the current sample detects
 * with 80% power at two-sided α = 0.05, and how many more days of new eligible users it takes to
 * detect the target lift.
 */
import { normalQuantile } from './distributions';

/** z_0.975 + z_0.8, from the exact quantiles. */
export const POWER_Z = normalQuantile(0.975) + normalQuantile(0.8);

/** (z_0.975 + z_0.8) · sqrt(p(1−p)(1/nT + 1/nC)) with the pooled p; null when that variance is 0. */
export function mde80Proportions(xT: number, nT: number, xC: number, nC: number): number | null {
  if (nT === 0 || nC === 0) return null;
  const pooled = (xT + xC) / (nT + nC);
  const variance = pooled * (1 - pooled) * (1 / nT + 1 / nC);
  return variance === 0 ? null : POWER_Z * Math.sqrt(variance);
}

/** (z_0.975 + z_0.8) · SE_welch; null when there is no standard error. */
export function mde80Means(se: number | null): number | null {
  return se === null ? null : POWER_Z * se;
}

/**
 * Days until the primary metric's mde80 reaches the target lift, at the recent rate of newly
 * eligible users: N_needed = N · (mde80 / target)²; ceil((N_needed − N) / rate).
 * null without an mde80; 0 once mde80 ≤ target; null when nobody became eligible lately.
 */
export function daysToTarget(mde80: number | null, target: number, eligibleNow: number, eligiblePerDay: number): number | null {
  if (mde80 === null) return null;
  if (mde80 <= target) return 0;
  if (eligiblePerDay === 0) return null;
  const needed = eligibleNow * (mde80 / target) ** 2;
  return Math.ceil((needed - eligibleNow) / eligiblePerDay);
}
