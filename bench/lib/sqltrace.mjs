/**
 * Reading what lib/sql-trace.cjs (preloaded into the API with `node --require`) recorded: one
 * JSON line per statement execution `{ at, ms, sql, params }`, timed inside the API.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fmt } from './stats.mjs';

export const SQL_TRACE_PRELOAD = fileURLToPath(new URL('./sql-trace.cjs', import.meta.url));

/** `startApi` options that turn the trace on, writing to `path` (none for no path). */
export function traceOptions(path) {
  return path ? { nodeArgs: ['--require', SQL_TRACE_PRELOAD], env: { BENCH_SQL_TRACE: path } } : { nodeArgs: [], env: {} };
}

export function readTrace(path) {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** SQL text on one line, shortened for a table cell. */
export function shortSql(sql, max = 140) {
  const line = sql.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * Statements executed between `from` and `to` (epoch ms), grouped by SQL text: how often, total
 * and slowest time, and how many executions took `slowMs` or more; slowest first.
 */
export function statementStats(trace, { from = -Infinity, to = Infinity, slowMs = 10 } = {}) {
  const bySql = new Map();
  for (const entry of trace) {
    if (entry.at < from || entry.at > to) continue;
    const s = bySql.get(entry.sql) ?? { sql: entry.sql, n: 0, totalMs: 0, maxMs: 0, slow: 0 };
    s.n++;
    s.totalMs += entry.ms;
    s.maxMs = Math.max(s.maxMs, entry.ms);
    if (entry.ms >= slowMs) s.slow++;
    bySql.set(entry.sql, s);
  }
  return [...bySql.values()].sort((a, b) => b.maxMs - a.maxMs);
}

/** The statements a --trace-sql run saw, as a markdown table. */
export function sqlMarkdown(run) {
  return [
    `**SQL the API ran during the window, ${run.label} (--trace-sql run; slowest execution first)**`,
    '',
    '| statement | executions | total ms | slowest ms | ≥ 10 ms |',
    '| --- | --- | --- | --- | --- |',
    ...run.sql.map((s) => `| \`${shortSql(s.sql).replace(/\|/g, '\\|')}\` | ${s.n} | ${fmt(s.totalMs, 0)} | ${fmt(s.maxMs, 1)} | ${s.slow} |`),
  ].join('\n');
}
