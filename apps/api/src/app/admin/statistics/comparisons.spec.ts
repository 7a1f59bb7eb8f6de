import { present } from '../../../testing/present';
import { compareProportions, sampleFromSums, sampleRatioMismatch, welch, Z_975 } from './comparisons';


// Reference values: SciPy 1.17 (stats.ttest_ind(equal_var=False), stats.chisquare) and mpmath at
// 40 digits for the tails, shown to 17 significant digits.

function expectRelative(actual: number | null, expected: number, tolerance = 1e-12): void {
  if (actual === null) throw new Error(`expected ${expected}, got null`);
  const error = Math.abs((actual - expected) / expected);
  if (!(error <= tolerance)) throw new Error(`expected ${expected}, got ${actual} (relative error ${error.toExponential(2)})`);
}

describe('compareProportions', () => {
  it('matches a hand computation', () => {
    // pT = 30/100, pC = 20/100; pooled 0.25; z = 0.1 / sqrt(0.25·0.75·0.02) = 1.6329931618554521.
    const result = compareProportions(30, 100, 20, 100);
    const se = Math.sqrt((0.3 * 0.7) / 100 + (0.2 * 0.8) / 100);
    expect(result.diff).toBeCloseTo(0.1, 15);
    expect(result.se).toBe(se);
    expect(result.ciLow).toBe(present(result.diff) - Z_975 * se);
    expect(result.ciHigh).toBe(present(result.diff) + Z_975 * se);
    expectRelative(result.pValue, 0.10247043485974942); // 2·Φ(−1.632993161855452), mpmath
  });

  it('is null when an arm is empty or nothing varies', () => {
    const none = { diff: null, ciLow: null, ciHigh: null, pValue: null, se: null };
    expect(compareProportions(0, 0, 3, 10)).toEqual(none);
    expect(compareProportions(0, 10, 0, 10)).toEqual(none);
    expect(compareProportions(10, 10, 5, 5)).toEqual(none);
  });
});

describe('welch', () => {
  it('matches scipy.stats.ttest_ind(equal_var=False) for small samples', () => {
    // x = [1..6], y = [2, 2, 2, 3]
    const t = sampleFromSums(6, 21, 91);
    const c = sampleFromSums(4, 9, 21);
    expect(t).toEqual({ n: 6, mean: 3.5, variance: 3.5 });
    expect(c.mean).toBe(2.25);
    expect(c.variance).toBeCloseTo(0.25, 14);
    const result = welch(t, c);
    expectRelative(result.df, 6.013767209011265);
    expectRelative(result.pValue, 0.1707321235760876);
    expectRelative(result.ciLow, -0.715339566212644);
    expectRelative(result.ciHigh, 3.215339566212644);
  });

  it('is null with fewer than two users in an arm or no variance', () => {
    expect(welch(sampleFromSums(1, 3, 9), sampleFromSums(5, 5, 5)).pValue).toBeNull();
    expect(welch(sampleFromSums(3, 3, 3), sampleFromSums(3, 3, 3)).se).toBeNull();
  });
});

describe('sampleRatioMismatch', () => {
  it('matches chisq.test(c(550, 450), p = c(0.5, 0.5))', () => {
    const result = sampleRatioMismatch(550, 450, 0.5);
    expect(result.chiSquare).toBeCloseTo(10, 12);
    expectRelative(result.pValue, 0.0015654022580025497); // scipy.stats.chisquare([550, 450])
  });

  it('uses the configured share', () => {
    // Expected 200 / 800 of 1000: observed 210 / 790 → χ² = 100/200 + 100/800 = 0.625.
    expect(sampleRatioMismatch(210, 790, 0.2).chiSquare).toBeCloseTo(0.625, 12);
  });

  it('is null with no users or a degenerate share', () => {
    expect(sampleRatioMismatch(0, 0, 0.5)).toEqual({ chiSquare: null, pValue: null });
    expect(sampleRatioMismatch(0, 10, 0)).toEqual({ chiSquare: null, pValue: null });
  });
});
