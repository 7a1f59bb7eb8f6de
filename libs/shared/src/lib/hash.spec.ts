import { randomUUID } from 'node:crypto';
import { GrowthBook } from '@growthbook/growthbook';
import { assignVariant, bucketRanges, fnv1a32, growthbookHashV2 } from './hash';
import { Variant } from './variant';

/** The arm GrowthBook's own SDK picks for this user, as a Variant. */
function growthbookVariant(key: string, userId: string, share: number): Variant {
  const gb = new GrowthBook({ attributes: { id: userId } });
  const result = gb.run({
    key,
    variations: [Variant.Control, Variant.Treatment],
    weights: [1 - share, share],
    hashVersion: 2,
  });
  gb.destroy();
  if (!result.inExperiment) throw new Error(`GrowthBook left ${userId} out of the experiment`);
  return result.value;
}

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
});

describe('growthbookHashV2', () => {
  it('gives the bucket GrowthBook reports', () => {
    const gb = new GrowthBook({ attributes: { id: 'abc' } });
    const result = gb.run({ key: 'moodlobby-vn', variations: [0, 1], hashVersion: 2 });
    expect(growthbookHashV2('moodlobby-vn', 'abc')).toBe(result.bucket);
  });
});

describe('bucketRanges', () => {
  it('puts CONTROL first on [0, 1 - share) and TREATMENT on [1 - share, 1)', () => {
    expect(bucketRanges(0.5)).toEqual([
      [0, 0.5],
      [0.5, 1],
    ]);
    expect(bucketRanges(0.2)).toEqual([
      [0, 0.8],
      [0.8, 1],
    ]);
  });
});

describe('assignVariant', () => {
  it.each([0.5, 0.2, 0.73])('agrees with the GrowthBook SDK for 10,000 ids at share %s', (share) => {
    const key = `exp-${share}`;
    let mismatches = 0;
    for (let i = 0; i < 10_000; i++) {
      const id = randomUUID();
      if (assignVariant(key, id, share) !== growthbookVariant(key, id, share)) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it.each([0.5, 0.2])('splits 20,000 ids within 4 standard deviations of share %s', (share) => {
    const n = 20_000;
    let treatment = 0;
    for (let i = 0; i < n; i++) {
      if (assignVariant('moodlobby-vn', randomUUID(), share) === Variant.Treatment) treatment++;
    }
    const sd = Math.sqrt(n * share * (1 - share));
    expect(Math.abs(treatment - n * share)).toBeLessThan(4 * sd);
  });

  it('is deterministic and depends on the experiment key', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `user-${i}`);
    const first = ids.map((id) => assignVariant('key-a', id, 0.5));
    expect(ids.map((id) => assignVariant('key-a', id, 0.5))).toEqual(first);
    expect(ids.map((id) => assignVariant('key-b', id, 0.5))).not.toEqual(first);
  });

  it('puts everyone in one arm at share 0 and 1, and rejects shares outside [0, 1]', () => {
    expect(assignVariant('k', 'u', 0)).toBe(Variant.Control);
    expect(assignVariant('k', 'u', 1)).toBe(Variant.Treatment);
    expect(() => assignVariant('k', 'u', 1.5)).toThrow(RangeError);
    expect(() => assignVariant('k', 'u', Number.NaN)).toThrow(RangeError);
  });
});
