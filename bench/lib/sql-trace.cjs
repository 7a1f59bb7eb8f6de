/**
 * Preloaded into the API by the admin benchmark (`node --require`), only when BENCH_SQL_TRACE
 * names a file: times every better-sqlite3 statement the API executes and appends one JSON
 * line per execution `{ at, ms, sql, params }` to that file. So a slow endpoint is broken
 * down into the real statements it ran, whatever the app's code looks like today, without
 * touching the app. (CommonJS: it must patch the same better-sqlite3 module the API requires.)
 *
 * Two kinds of pause that are not statements are written the same way, so they show up in the
 * same table: garbage-collection pauses of 10 ms or more (`sql: "(gc: major)"` etc.) and
 * event-loop stalls of 50 ms or more (`sql: "(event loop blocked)"`).
 */
const { openSync, writeSync } = require('node:fs');

const file = process.env.BENCH_SQL_TRACE;
if (file) {
  // One descriptor for the process: a line per statement must not cost an open and a close.
  const fd = openSync(file, 'a');
  const record = (entry) => {
    let line;
    try {
      line = JSON.stringify(entry);
    } catch {
      line = JSON.stringify({ ...entry, params: '(not serialisable)' });
    }
    writeSync(fd, `${line}\n`);
  };

  const Database = require('better-sqlite3');
  const probe = new Database(':memory:');
  const Statement = Object.getPrototypeOf(probe.prepare('SELECT 1'));
  probe.close();
  for (const method of ['all', 'get', 'run']) {
    const original = Statement[method];
    Statement[method] = function traced(...params) {
      const started = performance.now();
      try {
        return original.apply(this, params);
      } finally {
        const ms = performance.now() - started;
        record({ at: Date.now(), ms, sql: this.source, params });
      }
    };
  }

  const { PerformanceObserver, constants } = require('node:perf_hooks');
  const GC_KINDS = {
    [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
    [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
    [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
    [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration < 10) continue;
      const kind = GC_KINDS[entry.detail?.kind] ?? 'other';
      record({ at: Date.now(), ms: entry.duration, sql: `(gc: ${kind})`, params: [] });
    }
  }).observe({ entryTypes: ['gc'] });

  const TICK_MS = 10;
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const late = now - last - TICK_MS;
    last = now;
    if (late >= 50) record({ at: Date.now(), ms: late, sql: '(event loop blocked)', params: [] });
  }, TICK_MS).unref();
}
