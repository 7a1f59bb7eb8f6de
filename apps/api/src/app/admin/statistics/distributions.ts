/**
 * The distribution functions the readout needs, to about 1e-14 relative in double precision:
 *
 * - the standard normal's tails by W. J. Cody's rational Chebyshev approximations ("Rational
 *   Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631–637; ACM TOMS
 *   algorithm 715), with the exp(−x²/2) split that keeps far tails accurate;
 * - its quantile by M. J. Wichura's AS 241 (Applied Statistics 37 (1988) 477–484, PPND16);
 * - ln Γ and ln B by Stirling's series with shifts (and, for ln B of large arguments, the
 *   cancellation-free form of R's `lbeta`);
 * - the regularised incomplete beta function by its continued fraction (modified Lentz), which
 *   gives Student's t and the beta distribution.
 */

const LN_SQRT_2PI = 0.9189385332046728; // ln √(2π)
const INV_SQRT_2PI = 0.3989422804014327; // 1 / √(2π)
const SQRT_32 = 5.656854249492381;

// Cody's coefficients, as in R's pnorm.c.
const A = [2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356, 0.06568233791820745];
const B = [47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673];
const C = [
  0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726, 6848.190450536283,
  11602.65143764735, 9842.714838383978, 1.0765576773720192e-8,
];
const D = [
  22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097, 34900.95272114598,
  38912.00328609327, 19685.429676859992,
];
const P = [0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934, 0.000029112874951168793, 0.023073441764940174];
const Q = [1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824, 0.00007297515550839662];

/** Both tails of the standard normal at x: lower = Φ(x), upper = 1 − Φ(x), each to full relative precision. */
export function normalTails(x: number): { lower: number; upper: number } {
  if (Number.isNaN(x)) return { lower: NaN, upper: NaN };
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    let xnum = 0;
    let xden = 0;
    if (y > Number.EPSILON / 2) {
      const xsq = x * x;
      xnum = A[4] * xsq;
      xden = xsq;
      for (let i = 0; i < 3; i++) {
        xnum = (xnum + A[i]) * xsq;
        xden = (xden + B[i]) * xsq;
      }
    }
    const temp = (x * (xnum + A[3])) / (xden + B[3]);
    return { lower: 0.5 + temp, upper: 0.5 - temp };
  }
  let rational: number;
  if (y <= SQRT_32) {
    let xnum = C[8] * y;
    let xden = y;
    for (let i = 0; i < 7; i++) {
      xnum = (xnum + C[i]) * y;
      xden = (xden + D[i]) * y;
    }
    rational = (xnum + C[7]) / (xden + D[7]);
  } else if (y < 38.5) {
    const xsq = 1 / (x * x);
    let xnum = P[5] * xsq;
    let xden = xsq;
    for (let i = 0; i < 4; i++) {
      xnum = (xnum + P[i]) * xsq;
      xden = (xden + Q[i]) * xsq;
    }
    const temp = (xsq * (xnum + P[4])) / (xden + Q[4]);
    rational = (INV_SQRT_2PI - temp) / y;
  } else {
    return x > 0 ? { lower: 1, upper: 0 } : { lower: 0, upper: 1 };
  }
  // exp(−y²/2) as exp(−s²/2)·exp(−(y−s)(y+s)/2) with s = y rounded down to 1/16: no error from y² rounding.
  const s = Math.trunc(y * 16) / 16;
  const tail = Math.exp((-s * s) / 2) * Math.exp((-(y - s) * (y + s)) / 2) * rational;
  return x > 0 ? { lower: 1 - tail, upper: tail } : { lower: tail, upper: 1 - tail };
}

/** Φ(x), the standard normal CDF. */
export function normalCdf(x: number): number {
  return normalTails(x).lower;
}

/** P(|Z| ≥ |z|) for a standard normal Z. */
export function twoSidedNormalP(z: number): number {
  return Math.min(1, 2 * normalTails(-Math.abs(z)).lower);
}

/** φ(x), the standard normal density. */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

const AS241_A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987, 67265.7709270087,
  33430.57558358813, 2509.0809287301227,
];
const AS241_B = [1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271, 28729.085735721943, 5226.495278852854];
const AS241_C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684, 0.2417807251774506,
  0.022723844989269184, 0.0007745450142783414,
];
const AS241_D = [1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9];
const AS241_E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124, 0.0012426609473880784,
  0.000027115555687434876, 2.0103343992922881e-7,
];
const AS241_F = [1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133, 0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15];

function horner(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) value = value * x + coefficients[i];
  return value;
}

/** Φ⁻¹(p), the standard normal quantile (AS 241), for p in (0, 1). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    return NaN;
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(AS241_A, r)) / horner(AS241_B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = horner(AS241_C, r) / horner(AS241_D, r);
  } else {
    r -= 5;
    value = horner(AS241_E, r) / horner(AS241_F, r);
  }
  return q < 0 ? -value : value;
}

/** The correction term of Stirling's series, ln Γ(x) − ((x − ½) ln x − x + ln √(2π)), for x ≥ 10. */
function stirlingCorrection(x: number): number {
  const x2 = 1 / (x * x);
  // 1/12x − 1/360x³ + 1/1260x⁵ − 1/1680x⁷ + 1/1188x⁹ − 691/360360x¹¹ + 1/156x¹³ − 3617/122400x¹⁵
  return (
    (1 / 12 + x2 * (-1 / 360 + x2 * (1 / 1260 + x2 * (-1 / 1680 + x2 * (1 / 1188 + x2 * (-691 / 360360 + x2 * (1 / 156 + x2 * (-3617 / 122400)))))))) / x
  );
}

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0)) return NaN;
  let shift = 0;
  let product = 1;
  while (x + shift < 10) {
    product *= x + shift;
    shift++;
  }
  const z = x + shift;
  return (z - 0.5) * Math.log(z) - z + LN_SQRT_2PI + stirlingCorrection(z) - Math.log(product);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), without the cancellation of that sum for large a, b. */
export function logBeta(a: number, b: number): number {
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (p >= 10) {
    const correction = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q);
    return -0.5 * Math.log(q) + LN_SQRT_2PI + correction + (p - 0.5) * Math.log(p / (p + q)) + q * Math.log1p(-p / (p + q));
  }
  if (q >= 10) {
    const correction = stirlingCorrection(q) - stirlingCorrection(p + q);
    return logGamma(p) + correction + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-p / (p + q));
  }
  return logGamma(p) + logGamma(q) - logGamma(p + q);
}

/**
 * The continued fraction of I_x(a, b) (Numerical Recipes' betacf, modified Lentz), for
 * x < (a + 1) / (a + b + 2). Accurate to about 1e-14 while a and b are moderate; near that
 * threshold with a in the thousands its recurrence loses digits (see `largeABetaTail`).
 */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return h;
}

/**
 * Both sides of the regularised incomplete beta function at x: lower = I_x(a, b), upper =
 * 1 − I_x(a, b). Pass y = 1 − x when it is known more exactly than 1 − x can be computed.
 */
export function incompleteBeta(x: number, a: number, b: number, y = 1 - x): { lower: number; upper: number } {
  if (x <= 0) return { lower: 0, upper: 1 };
  if (y <= 0) return { lower: 1, upper: 0 };
  const logX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
  const logY = y > 0.5 ? Math.log1p(-x) : Math.log(y);
  const front = Math.exp(a * logX + b * logY - logBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (front * betaContinuedFraction(x, a, b)) / a;
    return { lower, upper: 1 - lower };
  }
  const upper = (front * betaContinuedFraction(y, b, a)) / b;
  return { lower: 1 - upper, upper };
}

/** I_x(a, b), the regularised incomplete beta function (the Beta(a, b) CDF at x). */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  return incompleteBeta(x, a, b).lower;
}

/**
 * I_x(a, ½) for a ≥ 15 by Didonato and Morris's asymptotic expansion in incomplete gamma
 * functions (BGRAT, ACM TOMS 708, 1992, section 9), where Q(½, z) = erfc(√z). Student's t with
 * many degrees of freedom lands here: the continued fraction loses digits there.
 */
function betaHalfLargeA(a: number, x: number, y: number): number {
  const b = 0.5;
  const nu = a + (b - 1) / 2;
  const lnx = x > 0.5 ? Math.log1p(-y) : Math.log(x);
  const z = -nu * lnx;
  if (z === 0) return 1;
  if (z > 700) return 0; // below 1e-304
  const q = 2 * normalTails(-Math.sqrt(2 * z)).lower; // Q(½, z) = erfc(√z)
  const logR = -z + b * Math.log(z) - logGamma(b); // r = e^(−z) z^b / Γ(b)
  const logU = -z + b * Math.log(z) - logBeta(a, b) - b * Math.log(nu); // u = r Γ(a+b) / (Γ(a) ν^b)
  const v = 0.25 / (nu * nu);
  const t2 = 0.25 * lnx * lnx;
  const c: number[] = [];
  const d: number[] = [];
  let j = q * Math.exp(-logR);
  let sum = j;
  let t = 1;
  let cn = 1;
  let n2 = 0;
  for (let n = 1; n <= 30; n++) {
    const bp2n = b + n2;
    j = (bp2n * (bp2n + 1) * j + (z + bp2n + 1) * t) * v;
    n2 += 2;
    t *= t2;
    cn /= n2 * (n2 + 1);
    c.push(cn);
    let s = 0;
    let coef = b - n;
    for (let i = 1; i < n; i++) {
      s += coef * c[i - 1] * d[n - 1 - i];
      coef += b;
    }
    d.push((b - 1) * cn + s / n);
    const dj = d[n - 1] * j;
    sum += dj;
    if (Math.abs(dj) <= 1e-16 * sum) break;
  }
  return Math.exp(logU) * sum;
}

/** P(|T| ≥ |t|) for Student's t with `df` (real, > 0) degrees of freedom. */
export function studentTTwoSidedP(t: number, df: number): number {
  const t2 = t * t;
  // P(|T| ≥ |t|) = I_x(df/2, 1/2) at x = df/(df+t²), with x and 1 − x formed without cancellation.
  const x = df / (df + t2);
  const y = t2 / (df + t2);
  const p = df >= 30 && (df / 2) * y > 0.5 ? betaHalfLargeA(df / 2, x, y) : incompleteBeta(x, df / 2, 0.5, y).lower;
  return Math.min(1, p);
}

/** The p-quantile of Student's t with `df` degrees of freedom, p in (0.5, 1), by bisection to the last bit. */
export function studentTQuantile(p: number, df: number): number {
  const upperTail = 1 - p;
  let low = 0;
  let high = 1;
  while (studentTTwoSidedP(high, df) / 2 > upperTail) high *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = (low + high) / 2;
    if (mid === low || mid === high) break;
    if (studentTTwoSidedP(mid, df) / 2 > upperTail) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}
