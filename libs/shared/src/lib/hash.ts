import { Variant } from './variant';

/**
 * 32-bit FNV-1a over UTF-16 code units, exactly as GrowthBook's SDK computes it
 * (it hashes `charCodeAt`, not UTF-8 bytes), so both give the same number for any string.
 */
export function fnv1a32(input: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i);
    hash += (hash << 1) + (hash << 4) + (hash << 7) + (hash << 8) + (hash << 24);
  }
  return hash >>> 0;
}

/** GrowthBook hash version 2: a number in [0, 1) with four decimals. */
export function growthbookHashV2(seed: string, value: string): number {
  return (fnv1a32(String(fnv1a32(seed + value))) % 10000) / 10000;
}

/**
 * GrowthBook's bucket ranges for two variations weighted [1 - share, share] at full coverage,
 * computed with the same arithmetic as the SDK so the boundaries fall on the same float.
 */
export function bucketRanges(treatmentShare: number): [number, number][] {
  const weights = [1 - treatmentShare, treatmentShare];
  let cumulative = 0;
  return weights.map((weight) => {
    const start = cumulative;
    cumulative += weight;
    return [start, start + weight] as [number, number];
  });
}

/**
 * The arm of a user: CONTROL is variation 0 on `[0, 1 - share)`, TREATMENT variation 1 on
 * `[1 - share, 1)`. Pure and deterministic: the same inputs give the same arm everywhere.
 */
export function assignVariant(experimentKey: string, userId: string, treatmentShare: number): Variant {
  if (!(treatmentShare >= 0 && treatmentShare <= 1)) {
    throw new RangeError(`treatmentShare must be within [0, 1], got ${treatmentShare}`);
  }
  const n = growthbookHashV2(experimentKey, userId);
  const [control] = bucketRanges(treatmentShare);
  return n >= control[0] && n < control[1] ? Variant.Control : Variant.Treatment;
}
