/**
 * Bayesian readout, as GrowthBook reports it (SPEC 10.1).
 *
 * Retention: each arm's rate has the posterior Beta(1 + x, 1 + n − x) (uniform prior).
 * `chanceToWin` = P(pT > pC) and the expected losses are exact, by Evan Miller's closed form
 * ("Formulas for Bayesian A/B testing", 2015):
 *   P(pB > pA) = Σ_{i=0}^{αB−1} B(αA + i, βA + βB) / ((βB + i) · B(1 + i, βB) · B(αA, βA)),
 * for integer αB, summed in log space. The expected loss of choosing T, E[max(pC − pT, 0)], is
 *   E[pC] · P(p′C > pT) − E[pT] · P(pC > p′T),
 * where p′ is the size-biased posterior Beta(α + 1, β) (E[p·1{A}] = E[p] · P′(A)).
 *
 * Means (messages per user): the normal approximation, diff ~ N(d, SE²):
 * chanceToWin = Φ(d / SE), expected losses E[max(∓diff, 0)] = SE·φ(d/SE) ∓ d·Φ(∓d/SE).
 */
import { logBeta, normalCdf, normalPdf } from './distributions';

export interface BetaPosterior {
  alpha: number;
  beta: number;
}

export interface ExpectedLoss {
  /** E[max(pC − pT, 0)]: what choosing TREATMENT costs if CONTROL is better. */
  TREATMENT: number;
  /** E[max(pT − pC, 0)]: what choosing CONTROL costs if TREATMENT is better. */
  CONTROL: number;
}

export interface BayesianResult {
  chanceToWin: number;
  expectedLoss: ExpectedLoss;
}

/** The posterior of a rate with `retained` of `eligible` under a uniform prior. */
export function betaPosterior(retained: number, eligible: number): BetaPosterior {
  return { alpha: 1 + retained, beta: 1 + eligible - retained };
}

/**
 * P(X > Y) for X ~ Beta(b.alpha, b.beta), Y ~ Beta(a.alpha, a.beta), with b.alpha a positive
 * integer: Evan Miller's sum, each term from the previous one by their ratio
 * (αA + i)(βB + i) / ((αA + βA + βB + i)(1 + i)), added in log space.
 */
function probabilityGreaterBySum(b: BetaPosterior, a: BetaPosterior): number {
  const terms = Math.round(b.alpha);
  let logTerm = logBeta(a.alpha, a.beta + b.beta) - logBeta(a.alpha, a.beta);
  const logs = new Float64Array(terms);
  let max = -Infinity;
  for (let i = 0; i < terms; i++) {
    logs[i] = logTerm;
    if (logTerm > max) max = logTerm;
    logTerm += Math.log(((a.alpha + i) * (b.beta + i)) / ((a.alpha + a.beta + b.beta + i) * (1 + i)));
  }
  let sum = 0;
  for (let i = 0; i < terms; i++) sum += Math.exp(logs[i] - max);
  return Math.min(1, Math.exp(max) * sum);
}

/**
 * P(X > Y) for independent X ~ Beta(x), Y ~ Beta(y), one of whose alphas is an integer (true of
 * every posterior here). Sums over the smaller integer alpha.
 */
export function probabilityGreater(x: BetaPosterior, y: BetaPosterior): number {
  const xInteger = Number.isInteger(x.alpha);
  const yInteger = Number.isInteger(y.alpha);
  if (xInteger && (!yInteger || x.alpha <= y.alpha)) return probabilityGreaterBySum(x, y);
  if (yInteger) return 1 - probabilityGreaterBySum(y, x);
  throw new Error('probabilityGreater needs an integer alpha');
}

/** E[max(Y − X, 0)] for independent X ~ Beta(x), Y ~ Beta(y). */
function expectedShortfall(x: BetaPosterior, y: BetaPosterior): number {
  const meanX = x.alpha / (x.alpha + x.beta);
  const meanY = y.alpha / (y.alpha + y.beta);
  const value =
    meanY * probabilityGreater({ alpha: y.alpha + 1, beta: y.beta }, x) - meanX * probabilityGreater(y, { alpha: x.alpha + 1, beta: x.beta });
  return Math.max(0, value);
}

/** Chance to win and expected losses for two retention rates (T against C). */
export function compareRatesBayesian(xT: number, nT: number, xC: number, nC: number): BayesianResult | null {
  if (nT === 0 || nC === 0) return null;
  const t = betaPosterior(xT, nT);
  const c = betaPosterior(xC, nC);
  return {
    chanceToWin: probabilityGreater(t, c),
    expectedLoss: { TREATMENT: expectedShortfall(t, c), CONTROL: expectedShortfall(c, t) },
  };
}

/** Chance to win and expected losses for a difference of means by the normal approximation. */
export function compareMeansBayesian(diff: number | null, se: number | null): BayesianResult | null {
  if (diff === null || se === null || !(se > 0)) return null;
  const z = diff / se;
  return {
    chanceToWin: normalCdf(z),
    expectedLoss: {
      TREATMENT: se * normalPdf(z) - diff * normalCdf(-z),
      CONTROL: se * normalPdf(z) + diff * normalCdf(z),
    },
  };
}
