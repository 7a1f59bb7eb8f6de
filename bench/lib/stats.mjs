/** Small statistics helpers. Percentiles use the nearest-rank method on a sorted copy. */

/** A growable Float64Array of samples (latencies in ms), cheap to push into on a hot path. */
export class Samples {
  constructor(capacity = 1024) {
    this.values = new Float64Array(capacity);
    this.length = 0;
  }

  push(value) {
    if (this.length === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length++] = value;
  }

  /** `{ n, mean, p50, p95, p99, max }` (all null when there are no samples). */
  summary() {
    return summarize(this.values.subarray(0, this.length));
  }
}

/** `{ n, mean, p50, p95, p99, max }` of numbers (any array-like), by nearest rank. */
export function summarize(values) {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return { n: 0, mean: null, p50: null, p95: null, p99: null, max: null };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  return { n, mean: sum / n, p50: rank(sorted, 0.5), p95: rank(sorted, 0.95), p99: rank(sorted, 0.99), max: sorted[n - 1] };
}

/** Nearest-rank percentile of an ascending array. */
export function rank(sorted, q) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/**
 * The median (the mean of the two middle values for an even count). Null when there is nothing,
 * or when any value is missing: a round without data must not pass as a zero.
 */
export function median(values) {
  if (values.length === 0 || values.some((v) => v === null || v === undefined || Number.isNaN(v))) return null;
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Rounds for display: `fmt(12.3456, 1)` → "12.3"; null/undefined → "—". */
export function fmt(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return Number(value).toFixed(digits);
}

export function ratio(ours, baseline) {
  if (ours === null || baseline === null || baseline === undefined || baseline === 0) return null;
  return ours / baseline;
}
