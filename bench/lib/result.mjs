/**
 * The shape every benchmark returns: rows of `{ metric, value, target, status }` for the table
 * and the doc, free-text notes (flags, caveats), and the raw figures as `details`.
 * status: 'pass' | 'miss' (a target) | 'invalid' (the run cannot judge it) | 'info' (no target).
 */
export function row(metric, value, { target = '', status = 'info' } = {}) {
  return { metric, value, target, status };
}

/** A row judged against `value <= limit` (or `>=` with op '>='); null values are 'invalid'. */
export function targetRow(metric, shown, value, op, limit, targetText, { invalid = false } = {}) {
  let status;
  if (invalid || value === null || value === undefined || Number.isNaN(value)) status = 'invalid';
  else status = (op === '<=' ? value <= limit : value >= limit) ? 'pass' : 'miss';
  return row(metric, shown, { target: targetText, status });
}

export const STATUS_TEXT = { pass: 'PASS', miss: 'MISS', invalid: 'INVALID', info: '' };
