import {
  compareProportions,
  erfc,
  logGamma,
  sampleFromSums,
  sampleRatioMismatch,
  studentTQuantile,
  studentTTwoSidedP,
  twoSidedNormalP,
  welch,
} from './statistics';

// Reference values computed with SciPy (scipy.stats: norm, t, chisquare, ttest_ind(equal_var=False)).
describe('distributions', () => {
  it('normal tails', () => {
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(twoSidedNormalP(1.959964)).toBeCloseTo(0.05, 6);
    expect(twoSidedNormalP(2.575829)).toBeCloseTo(0.01, 6);
    expect(twoSidedNormalP(-1)).toBeCloseTo(0.3173105, 6);
    expect(twoSidedNormalP(0)).toBe(1);
  });

  it('log gamma', () => {
    expect(logGamma(1)).toBeCloseTo(0, 10);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
  });

  it('Student t tails and quantiles', () => {
    expect(studentTTwoSidedP(2, 5)).toBeCloseTo(0.1019395, 6); // 2 * pt(-2, 5)
    expect(studentTTwoSidedP(2.228139, 10)).toBeCloseTo(0.05, 6);
    expect(studentTTwoSidedP(1.5, 3.7)).toBeCloseTo(0.2135982, 6);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228139, 5); // qt(0.975, 10)
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706205, 5);
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959966, 6);
    expect(studentTQuantile(0.975, 17.3)).toBeCloseTo(2.107032, 5);
  });
});

describe('compareProportions', () => {
  it('matches a hand computation', () => {
    // pT = 30/100, pC = 20/100; pooled 0.25.
    const result = compareProportions(30, 100, 20, 100);
    const se = Math.sqrt((0.3 * 0.7) / 100 + (0.2 * 0.8) / 100);
    const z = 0.1 / Math.sqrt(0.25 * 0.75 * (2 / 100));
    expect(result.diff).toBeCloseTo(0.1, 12);
    expect(result.ciLow).toBeCloseTo(0.1 - 1.959964 * se, 12);
    expect(result.ciHigh).toBeCloseTo(0.1 + 1.959964 * se, 12);
    expect(z).toBeCloseTo(1.632993, 6);
    expect(result.pValue).toBeCloseTo(0.1024704, 6); // 2 * norm.sf(1.6329932)
  });

  it('is null when an arm is empty or nothing varies', () => {
    expect(compareProportions(0, 0, 3, 10)).toEqual({ diff: null, ciLow: null, ciHigh: null, pValue: null });
    expect(compareProportions(0, 10, 0, 10).pValue).toBeNull();
    expect(compareProportions(10, 10, 5, 5).diff).toBeNull();
  });
});

describe('welch', () => {
  it('matches scipy.stats.ttest_ind(equal_var=False) for small samples', () => {
    // x = [1..6], y = [2, 2, 2, 3] → t = 1.5554275, df = 6.0137672, p = 0.1707321, CI (-0.7153396, 3.2153396).
    const t = sampleFromSums(6, 21, 91);
    const c = sampleFromSums(4, 9, 21);
    expect(t).toEqual({ n: 6, mean: 3.5, variance: 3.5 });
    expect(c.mean).toBe(2.25);
    expect(c.variance).toBeCloseTo(0.25, 12);
    const result = welch(t, c);
    const se = Math.sqrt(3.5 / 6 + 0.25 / 4);
    const df = (3.5 / 6 + 0.25 / 4) ** 2 / ((3.5 / 6) ** 2 / 5 + (0.25 / 4) ** 2 / 3);
    expect(result.diff).toBeCloseTo(1.25, 12);
    expect(result.df).toBeCloseTo(df, 10);
    expect(result.df).toBeCloseTo(6.0137672, 6);
    expect(1.25 / se).toBeCloseTo(1.5554275, 6);
    expect(result.pValue).toBeCloseTo(0.1707321, 6);
    expect(result.ciLow).toBeCloseTo(-0.7153396, 5);
    expect(result.ciHigh).toBeCloseTo(3.2153396, 5);
  });

  it('is null with fewer than two users in an arm or no variance', () => {
    expect(welch(sampleFromSums(1, 3, 9), sampleFromSums(5, 5, 5)).pValue).toBeNull();
    expect(welch(sampleFromSums(3, 3, 3), sampleFromSums(3, 3, 3)).pValue).toBeNull();
  });
});

describe('sampleRatioMismatch', () => {
  it('matches chisq.test(c(550, 450), p = c(0.5, 0.5))', () => {
    const result = sampleRatioMismatch(550, 450, 0.5);
    expect(result.chiSquare).toBeCloseTo(10, 10);
    expect(result.pValue).toBeCloseTo(0.001565402, 8); // scipy.stats.chisquare([550, 450])
  });

  it('uses the configured share', () => {
    // Expected 200 / 800 of 1000: observed 210 / 790 → χ² = 100/200 + 100/800 = 0.625.
    expect(sampleRatioMismatch(210, 790, 0.2).chiSquare).toBeCloseTo(0.625, 10);
  });

  it('is null with no users or a degenerate share', () => {
    expect(sampleRatioMismatch(0, 0, 0.5)).toEqual({ chiSquare: null, pValue: null });
    expect(sampleRatioMismatch(0, 10, 0)).toEqual({ chiSquare: null, pValue: null });
  });
});
