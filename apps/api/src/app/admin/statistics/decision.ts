/**
 * The readout's plain verdict on the primary metric (SPEC 10.1): the first rule that holds.
 */
import type { SequentialInterval, Verdict } from '@moodlobby/shared';

/**
 * `srm` when the split is unhealthy (nothing else can be trusted); `ship` when the sequential
 * interval lies above 0; `stop` when it lies below 0; otherwise `keep-running`.
 */
export function decide(srmFlagged: boolean, sequential: SequentialInterval | null): Verdict {
  if (srmFlagged) return 'srm';
  if (sequential !== null && sequential.ciLow > 0) return 'ship';
  if (sequential !== null && sequential.ciHigh < 0) return 'stop';
  return 'keep-running';
}
