import { daysToTarget, mde80Means, mde80Proportions, POWER_Z } from './power';

describe('power', () => {
  it('uses the exact quantiles z_0.975 + z_0.8', () => {
    expect(Math.abs(POWER_Z - 2.8015852181129683)).toBeLessThan(1e-14);
  });

  it('mde80 for proportions uses the pooled rate (hand-computed)', () => {
    // pooled p = 50/200 = 0.25, nT = nC = 100: 2.8015852… · sqrt(0.25·0.75·0.02) = 0.1715613563825172
    expect(mde80Proportions(30, 100, 20, 100)).toBeCloseTo(0.1715613563825172, 14);
    expect(mde80Proportions(0, 100, 0, 100)).toBeNull();
    expect(mde80Proportions(3, 10, 0, 0)).toBeNull();
  });

  it('mde80 for means scales the Welch standard error', () => {
    expect(mde80Means(0.1)).toBeCloseTo(0.28015852181129686, 14);
    expect(mde80Means(null)).toBeNull();
  });

  it('days to target follows SPEC 10.1 in its order of rules', () => {
    // N = 1000 eligible, mde 0.08 against a target of 0.05: N_needed = 1000 · 1.6² = 2560; 1560 more
    // at 100 a day → 16 days.
    expect(daysToTarget(0.08, 0.05, 1000, 100)).toBe(16);
    expect(daysToTarget(0.08, 0.05, 1000, 7)).toBe(223); // 1560 / 7 = 222.9
    expect(daysToTarget(0.05, 0.05, 1000, 0)).toBe(0); // already there, whatever the rate
    expect(daysToTarget(0.08, 0.05, 1000, 0)).toBeNull(); // nobody new to wait for
    expect(daysToTarget(null, 0.05, 0, 10)).toBeNull();
  });
});
