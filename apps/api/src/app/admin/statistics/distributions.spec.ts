import {
  incompleteBeta,
  logBeta,
  logGamma,
  normalCdf,
  normalQuantile,
  normalTails,
  regularizedIncompleteBeta,
  studentTQuantile,
  studentTTwoSidedP,
  twoSidedNormalP,
} from './distributions';

// Reference values: mpmath 1.4 at 40 significant digits (ncdf, erfinv, loggamma, beta, betainc;
// quantiles by findroot on them), shown to 20. The normal tail values match Abramowitz & Stegun
// table 26.1 and the t quantiles the usual tables (qt(0.975, 10) = 2.228139) to the digits those print.

/** |actual − expected| ≤ tolerance · |expected|. */
function expectRelative(actual: number, expected: number, tolerance = 1e-12): void {
  const error = expected === 0 ? Math.abs(actual) : Math.abs((actual - expected) / expected);
  if (!(error <= tolerance)) throw new Error(`expected ${expected}, got ${actual} (relative error ${error.toExponential(2)} > ${tolerance})`);
}

describe('standard normal', () => {
  it.each([
    [-37, 5.725571222524577e-300],
    [-20, 2.7536241186062337e-89],
    [-10, 7.619853024160525e-24],
    [-8.5, 9.479534822203318e-18],
    [-6, 9.86587645037698e-10],
    [-5.657, 7.702088172177601e-9],
    [-5, 2.866515718791939e-7],
    [-3, 0.0013498980316300946],
    [-1.959964, 0.024999999096442405],
    [-1, 0.15865525393145705],
    [-0.6744, 0.2500285213729406],
    [-0.2, 0.42074029056089696],
    [0, 0.5],
    [0.5, 0.6914624612740131],
    [1.5, 0.9331927987311419],
    [3, 0.9986501019683699],
    [7, 0.9999999999987201],
  ])('Φ(%p) = %p', (x, expected) => {
    expectRelative(normalCdf(x), expected);
    // The upper tail is as exact as the lower one (no 1 − Φ cancellation).
    expectRelative(normalTails(-x).upper, expected);
  });

  it('two-sided p-values', () => {
    expectRelative(twoSidedNormalP(1.959964), 2 * 0.024999999096442405);
    expectRelative(twoSidedNormalP(-5), 2 * 2.866515718791939e-7);
    expect(twoSidedNormalP(0)).toBe(1);
  });

  it.each([
    [1e-300, -37.0470962993612],
    [1e-50, -14.933337534788489],
    [1e-12, -7.034483825301132],
    [0.0001, -3.7190164854556804],
    [0.025, -1.9599639845400543],
    [0.075, -1.439531470938456],
    [0.3, -0.5244005127080408],
    [0.8, 0.8416212335729142],
    [0.925, 1.439531470938456],
    [0.975, 1.9599639845400543],
    [0.9999, 3.7190164854556804],
  ])('Φ⁻¹(%p) = %p', (p, expected) => {
    expectRelative(normalQuantile(p), expected, 1e-13);
  });

  it('quantile edges', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});

describe('gamma and beta functions', () => {
  it.each([
    [0.001, 6.907178885383853],
    [0.5, 0.5723649429247001],
    [2.5, 0.2846828704729192],
    [7.25, 7.0521854507385395],
    [9.999, 12.799575780077413],
    [10, 12.801827480081469],
    [33.3, 82.60372358165495],
    [1000, 5905.220423209181],
    [123456.5, 1323898.630662737],
  ])('ln Γ(%p) = %p', (x, expected) => {
    expectRelative(logGamma(x), expected, 1e-14);
  });

  it('ln Γ near its zeros is exact in absolute terms', () => {
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(1.5) - -0.12078223763524522)).toBeLessThan(1e-14);
  });

  it.each([
    [0.5, 0.5, 1.1447298858494002],
    [3, 4, -4.0943445622221],
    [2.5, 12, -6.07577512534228],
    [12.5, 0.5, -0.6805020408007404],
    [50000, 0.5, -4.837521699280441],
    [100000, 30000, -70230.64286324671],
    [2.5, 1000000, -34.254095399436515],
    [15, 15, -20.874596601690644],
  ])('ln B(%p, %p) = %p', (a, b, expected) => {
    expectRelative(logBeta(a, b), expected, 1e-14);
  });

  it.each([
    [0.3, 2, 3, 0.3483],
    [0.9, 0.5, 0.5, 0.7951672353008665],
    [0.999, 200, 2, 0.9823785953743629],
    [0.01, 0.5, 40, 0.6286139767460154],
    [0.5, 1000, 1000, 0.5],
    [0.25, 7.5, 2.25, 0.0002914949767602149],
  ])('I_%p(%p, %p) = %p', (x, a, b, expected) => {
    expectRelative(regularizedIncompleteBeta(x, a, b), expected, 1e-13);
    expectRelative(incompleteBeta(1 - x, b, a).upper, expected, 1e-13);
  });
});

describe("Student's t", () => {
  it.each([
    [2, 5, 0.10193947882985836],
    [1.5, 3.7, 0.21359816920201352],
    [30, 3, 0.00008135280427163959],
    [0.3, 1, 0.8144528418445153],
    [4.5, 17.3, 0.00030328523620385794],
    [2.1, 29.5, 0.044389632730324154],
    [2.1, 30, 0.044242471262323536],
    [0.01, 45, 0.9920654899641188],
    [1.96, 100, 0.05277890136622966],
    [40, 50, 1.2412423784372706e-39],
    [3, 200000, 0.002700128462776791],
    [10, 100000, 1.5633015300207278e-23],
    [6, 1e9, 1.9731759644984917e-9],
    [0.01, 1e9, 0.9920212873727317],
  ])('P(|T| ≥ %p) with %p df = %p', (t, df, expected) => {
    expectRelative(studentTTwoSidedP(t, df), expected);
    expectRelative(studentTTwoSidedP(-t, df), expected);
  });

  it.each([
    [1, 12.706204736174705],
    [3.7, 2.8675207071911895],
    [10, 2.228138851986275],
    [17.3, 2.107032003753468],
    [30, 2.042272456301238],
    [250.5, 1.9694792720516763],
    [1e6, 1.959966356814107],
  ])('t(0.975, %p) = %p', (df, expected) => {
    expectRelative(studentTQuantile(0.975, df), expected);
  });
});
