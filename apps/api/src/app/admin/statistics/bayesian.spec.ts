import { present } from '../../../testing/present';
import { compareMeansBayesian, compareRatesBayesian, probabilityGreater } from './bayesian';


/**
 * An independent check by numerical integration: the two posteriors' joint density over the
 * triangle {pC > pT} (mapped onto a square, so the integrand stays smooth), by composite 20-point
 * Gauss–Legendre, with the densities normalised numerically too. Nothing here shares code with
 * the closed forms under test.
 */
const GL_NODES: number[] = [];
const GL_WEIGHTS: number[] = [];
{
  // Legendre roots by Newton's method on P_20.
  const n = 20;
  for (let i = 1; i <= n; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) [p0, p1] = [p1, ((2 * k - 1) * x * p1 - (k - 1) * p0) / k];
      derivative = (n * (x * p1 - p0)) / (x * x - 1);
      const step = p1 / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    GL_NODES.push(x);
    GL_WEIGHTS.push(2 / ((1 - x * x) * derivative * derivative));
  }
}

function integrate(f: (x: number) => number, low: number, high: number, panels: number): number {
  let total = 0;
  const width = (high - low) / panels;
  for (let p = 0; p < panels; p++) {
    const mid = low + (p + 0.5) * width;
    for (let i = 0; i < GL_NODES.length; i++) total += GL_WEIGHTS[i] * f(mid + (GL_NODES[i] * width) / 2);
  }
  return (total * width) / 2;
}

interface Arm {
  alpha: number;
  beta: number;
}

function numeric(t: Arm, c: Arm) {
  const sd = (a: Arm) => Math.sqrt((a.alpha * a.beta) / ((a.alpha + a.beta) ** 2 * (a.alpha + a.beta + 1)));
  const mean = (a: Arm) => a.alpha / (a.alpha + a.beta);
  const low = Math.max(0, Math.min(mean(t) - 14 * sd(t), mean(c) - 14 * sd(c)));
  const high = Math.min(1, Math.max(mean(t) + 14 * sd(t), mean(c) + 14 * sd(c)));
  const mode = (a: Arm) => (a.alpha + a.beta > 2 ? (a.alpha - 1) / (a.alpha + a.beta - 2) : 0.5);
  const unnormalised = (a: Arm) => {
    const peak = (a.alpha - 1) * Math.log(Math.max(mode(a), 1e-300)) + (a.beta - 1) * Math.log(Math.max(1 - mode(a), 1e-300));
    return (x: number) => (x <= 0 || x >= 1 ? (a.alpha === 1 && x <= 0) || (a.beta === 1 && x >= 1) ? Math.exp(-peak) : 0 : Math.exp((a.alpha - 1) * Math.log(x) + (a.beta - 1) * Math.log1p(-x) - peak));
  };
  const ft0 = unnormalised(t);
  const fc0 = unnormalised(c);
  const zt = integrate(ft0, low, high, 400);
  const zc = integrate(fc0, low, high, 400);
  const ft = (x: number) => ft0(x) / zt;
  const fc = (x: number) => fc0(x) / zc;
  // Over {y > x}: y = x + (high − x)·s, dy = (high − x) ds.
  const overUpperTriangle = (fx: (v: number) => number, fy: (v: number) => number, g: (x: number, y: number) => number) =>
    integrate((x) => (high - x) * integrate((s) => {
      const y = x + (high - x) * s;
      return fy(y) * g(x, y);
    }, 0, 1, 12) * fx(x), low, high, 80);
  return {
    // P(pT > pC) = 1 − P(pC > pT)
    chanceToWin: 1 - overUpperTriangle(ft, fc, () => 1),
    lossTreatment: overUpperTriangle(ft, fc, (x, y) => y - x), // E[max(pC − pT, 0)]
    lossControl: overUpperTriangle(fc, ft, (x, y) => y - x), // E[max(pT − pC, 0)]
  };
}

describe('Bayesian retention readout', () => {
  it.each([
    [3, 10, 5, 12],
    [45, 100, 50, 100],
    [0, 20, 0, 20],
    [1, 1, 0, 1],
    [300, 1000, 330, 1000],
    [120, 400, 80, 390],
    [4000, 10000, 4100, 10000],
  ])('T %p/%p against C %p/%p agrees with numerical integration to 1e-9', (xT, nT, xC, nC) => {
    const exact = compareRatesBayesian(xT, nT, xC, nC);
    const check = numeric({ alpha: 1 + xT, beta: 1 + nT - xT }, { alpha: 1 + xC, beta: 1 + nC - xC });
    expect(exact).not.toBeNull();
    expect(Math.abs(present(exact).chanceToWin - check.chanceToWin)).toBeLessThan(1e-9);
    expect(Math.abs(present(exact).expectedLoss.TREATMENT - check.lossTreatment)).toBeLessThan(1e-9);
    expect(Math.abs(present(exact).expectedLoss.CONTROL - check.lossControl)).toBeLessThan(1e-9);
  });

  it('is symmetric: swapping the arms swaps chance and losses', () => {
    const ab = present(compareRatesBayesian(30, 90, 41, 100));
    const ba = present(compareRatesBayesian(41, 100, 30, 90));
    expect(ab.chanceToWin + ba.chanceToWin).toBeCloseTo(1, 14);
    expect(ab.expectedLoss.TREATMENT).toBeCloseTo(ba.expectedLoss.CONTROL, 14);
  });

  it('gives ½ for identical arms and the known closed form for Beta(1,1) against Beta(2,1)', () => {
    expect(present(compareRatesBayesian(7, 20, 7, 20)).chanceToWin).toBeCloseTo(0.5, 14);
    // P(X > Y) with X ~ Beta(2,1) (density 2x), Y uniform: ∫ 2x·x dx = 2/3.
    expect(probabilityGreater({ alpha: 2, beta: 1 }, { alpha: 1, beta: 1 })).toBeCloseTo(2 / 3, 15);
  });

  it('is null when an arm has nobody eligible', () => {
    expect(compareRatesBayesian(0, 0, 3, 10)).toBeNull();
    expect(compareRatesBayesian(3, 10, 0, 0)).toBeNull();
  });
});

describe('Bayesian means readout (normal approximation)', () => {
  it('uses Φ(diff / SE) and the normal expected losses', () => {
    const result = present(compareMeansBayesian(0.5, 0.25));
    expect(result.chanceToWin).toBeCloseTo(0.9772498680518208, 15); // Φ(2)
    // E[max(−D, 0)] for D ~ N(0.5, 0.25²), by integration of the density.
    const density = (x: number) => Math.exp(-0.5 * ((x - 0.5) / 0.25) ** 2) / (0.25 * Math.sqrt(2 * Math.PI));
    expect(result.expectedLoss.TREATMENT).toBeCloseTo(integrate((x) => -x * density(x), -4, 0, 200), 12);
    expect(result.expectedLoss.CONTROL).toBeCloseTo(integrate((x) => x * density(x), 0, 5, 200), 12);
  });

  it('is null without a standard error', () => {
    expect(compareMeansBayesian(null, null)).toBeNull();
    expect(compareMeansBayesian(1, 0)).toBeNull();
  });
});
