import { present } from '../../../testing/present';
import { Z_975 } from './comparisons';
import { sequentialHalfWidth, sequentialInterval } from './sequential';


// Hand-computed (mpmath, 40 digits) from SPEC 10.1's formula:
// ρ² = (−2 ln 0.05 + ln(−2 ln 0.05 + 1)) / N*; for N* = 5000, ρ² = 0.0015872309203475130623.
describe('sequential (always-valid) interval', () => {
  it.each([
    [0.02, 2000, 5000, 0.06247558183349459],
    [0.01, 10000, 5000, 0.03061477218867417],
    [0.5, 150, 5000, 2.840216397735426],
    [0.02, 2000, 100000, 0.1338877723413208],
  ])('SE %p with N = %p, N* = %p: half-width %p', (se, n, tuningN, expected) => {
    const halfWidth = sequentialHalfWidth(se, n, tuningN);
    expect(Math.abs(halfWidth - expected) / expected).toBeLessThan(1e-13);
  });

  it('is always wider than the fixed-horizon interval it replaces', () => {
    for (const n of [10, 100, 1000, 5000, 50_000, 1_000_000]) {
      const se = 0.5 / Math.sqrt(n);
      expect(sequentialHalfWidth(se, n, 5000)).toBeGreaterThan(Z_975 * se);
    }
  });

  it('is centred on the difference and significant only when it excludes 0', () => {
    const above = present(sequentialInterval(0.1, 0.02, 2000, 5000));
    expect(above.ciLow).toBeCloseTo(0.1 - 0.06247558183349459, 14);
    expect(above.ciHigh).toBeCloseTo(0.1 + 0.06247558183349459, 14);
    expect(above.significant).toBe(true);
    expect(present(sequentialInterval(-0.1, 0.02, 2000, 5000)).significant).toBe(true);
    // 0.05 is significant at the fixed horizon (0.05 > 1.96 · 0.02) but not sequentially.
    expect(0.05 - Z_975 * 0.02).toBeGreaterThan(0);
    expect(present(sequentialInterval(0.05, 0.02, 2000, 5000)).significant).toBe(false);
  });

  it('is null exactly when the fixed-horizon comparison is', () => {
    expect(sequentialInterval(null, null, 0, 5000)).toBeNull();
    expect(sequentialInterval(0.1, null, 100, 5000)).toBeNull();
  });
});
