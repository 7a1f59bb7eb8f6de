/**
 * Preloaded into the API by the admin benchmark (`node --require`), only when BENCH_SQL_TRACE
 * names a file: times every better-sqlite3 statement the API executes and appends one JSON
 * line per execution `{ at, ms, sql, params }` to that file. So a slow endpoint is broken
 * down into the real statements it ran, whatever the app's code looks like today, without
 * touching the app. (CommonJS: it must patch the same better-sqlite3 module the API requires.)
 */
const { appendFileSync } = require('node:fs');

const file = process.env.BENCH_SQL_TRACE;
if (file) {
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
        appendFileSync(file, `${JSON.stringify({ at: Date.now(), ms, sql: this.source, params })}\n`);
      }
    };
  }
}
