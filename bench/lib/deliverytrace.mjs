/**
 * Where a message's delivery time goes, from lib/delivery-trace.cjs (preloaded into a server)
 * joined with the generator's sends: per message, send → the server has its frame → its first
 * `message:new` write → its last (the fan-out), and the first and the last client's arrival.
 * One clock for all: the machine's monotonic clock, `process.hrtime` (CLOCK_MONOTONIC on Linux),
 * in ms. Each process's `performance.timeOrigin + performance.now()` would not do: each process
 * pairs a wall-clock reading with a monotonic one once, at start, so a start that is preempted
 * between the two, or a wall clock adjusted between two starts, leaves two processes reading the
 * same instant apart. Measured here: a child 0.5 ms ahead of its parent in three runs of three
 * (within 0.02 ms an hour later: it comes and goes), one process in twelve 0.15 ms off; in CI a
 * server's write stamped after its client had the frame. On loopback a whole stage of a
 * delivery can be that short.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fmt, summarize } from './stats.mjs';
import traceClock from './trace-clock.cjs';

export const DELIVERY_TRACE_PRELOAD = fileURLToPath(new URL('./delivery-trace.cjs', import.meta.url));

/** Now, on the clock every stamp of a trace is on (see above), in ms. */
export const { traceClockMs } = traceClock;

/** Node flags and environment that turn the trace on in a server, writing to `path` (none for no path). */
export function deliveryTraceOptions(path) {
  return path ? { nodeArgs: ['--require', DELIVERY_TRACE_PRELOAD], env: { BENCH_DELIVERY_TRACE: path } } : { nodeArgs: [], env: {} };
}

/**
 * What the server wrote: `sends`, clientMessageId → [in, first write, last write, then from in to
 * first write: the CPU ms its process used and the ms its main thread waited for a CPU], and
 * `gc`, its collections' pauses as [start, end] in time order (both empty if nothing was written).
 */
export function readDeliveryTrace(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : { sends: {}, gc: [] };
}

/** The stages, in path order: [key, label]. */
export const STAGES = [
  ['toServer', 'send → server has the frame'],
  ['inServer', 'frame → first message:new write'],
  ['gcInServer', 'within it: garbage-collection pauses'],
  ['cpuInServer', 'within it: CPU the server process used (all threads)'],
  ['waitInServer', 'within it: the main thread waiting for a CPU'],
  ['fanOut', 'first → last client write'],
  ['firstClient', 'send → first client has it'],
  ['lastClient', 'send → last client has it'],
];

/**
 * Per-stage `{ n, mean, p50, p95, p99, max }` over the window's messages (`sends`: the generator's
 * `[clientMessageId, sentAt, firstLatency, lastLatency]`), and the same over the slowest 1 % by
 * their last client (the messages behind the delivery tail): `{ all, tail, traced }`.
 */
export function deliveryStages(trace, sends) {
  const rows = [];
  for (const [id, sentAt, firstLatency, lastLatency] of sends) {
    const stamped = trace.sends[id];
    if (!stamped || stamped[1] === null || firstLatency === null) continue;
    const [arrived, first, last, cpu, waited] = stamped;
    rows.push({
      toServer: arrived - sentAt,
      inServer: first - arrived,
      gcInServer: pausedWithin(trace.gc, arrived, first),
      cpuInServer: cpu,
      waitInServer: waited,
      fanOut: last - first,
      firstClient: firstLatency,
      lastClient: lastLatency,
    });
  }
  const byLast = [...rows].sort((a, b) => a.lastClient - b.lastClient);
  const tail = byLast.slice(Math.floor(byLast.length * 0.99));
  const over = (set) => Object.fromEntries(STAGES.map(([key]) => [key, summarize(set.map((r) => r[key]))]));
  return { all: over(rows), tail: over(tail), traced: rows.length };
}

/** How long the pauses (`[start, end]`, in time order) overlap `from`–`to`, ms. */
export function pausedWithin(pauses, from, to) {
  let lo = 0;
  let hi = pauses.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pauses[mid][1] <= from) lo = mid + 1;
    else hi = mid;
  }
  let paused = 0;
  for (let i = lo; i < pauses.length && pauses[i][0] < to; i++) paused += Math.min(to, pauses[i][1]) - Math.max(from, pauses[i][0]);
  return paused;
}

/** A markdown table of both servers' stages: p50 / p99 over all messages, and the mean over the slowest 1 %. */
export function deliveryMarkdown(title, ours, bare) {
  const cell = (stages) => `${fmt(stages.p50, 2)} / ${fmt(stages.p99, 2)}`;
  return [
    `**${title}** (--trace-delivery run; ms; ${ours.traced} and ${bare.traced} messages traced)`,
    '',
    '| stage, per message | moodlobby p50 / p99 | bare p50 / p99 | moodlobby mean, slowest 1 % | bare mean, slowest 1 % |',
    '| --- | --- | --- | --- | --- |',
    ...STAGES.map(([key, label]) => `| ${label} | ${cell(ours.all[key])} | ${cell(bare.all[key])} | ${fmt(ours.tail[key].mean, 2)} | ${fmt(bare.tail[key].mean, 2)} |`),
  ].join('\n');
}
