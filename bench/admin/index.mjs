/**
 * Admin API at scale: GET /admin/metrics/summary and GET /admin/users of the real API on a
 * large SQLite dataset (dataset.mjs), each query variant timed several times over HTTP from
 * this process. The API runs with lib/sql-trace.cjs preloaded, so a variant over the target is
 * broken down into the SQL statements the API really ran (their time inside the API) with
 * each statement's EXPLAIN QUERY PLAN.
 */
import { copyFileSync, existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import shared from '@moodlobby/shared';
import Database from 'better-sqlite3';
import { cores } from '../lib/machine.mjs';
import { cpuMark, cpuPercent, DISTURBED_PERCENT, machineBusyPercent, machineTicks, othersPercent, rssMiB, sampleRss } from '../lib/procstat.mjs';
import { row, targetRow } from '../lib/result.mjs';
import { fmt, median } from '../lib/stats.mjs';
import { ADMIN_TOKEN, startApi, tempDir } from '../lib/services.mjs';
import { readTrace, shortSql, traceOptions } from '../lib/sqltrace.mjs';
import { DATASET_END, datasetPath, ensureDataset } from './dataset.mjs';

export const TARGET_MS = 300;
const { addDays, utcDay } = shared;
const PAST_AS_OF = addDays(utcDay(new Date(DATASET_END)), -31);
/** Statements faster than this are left out of the breakdown (the worker's idle polls, counts). */
const TRACE_MIN_MS = 1;

export async function runAdmin({ full, options, log }) {
  // Short runs use the full dataset when it is already cached, else a small one.
  const size = options.adminSize ?? (full || existsSync(datasetPath('full')) ? 'full' : 'small');
  const { file, meta, generatedS } = await ensureDataset(size, log);
  const repeats = full ? 7 : 4;
  const deepOffset = Math.floor(meta.TREATMENT * 0.9);
  const variants = [
    { name: 'summary, asOf = today (default)', path: '/admin/metrics/summary' },
    { name: `summary, asOf = ${PAST_AS_OF}`, path: `/admin/metrics/summary?asOf=${PAST_AS_OF}` },
    { name: 'users, default sort (-lastSeenAt)', path: '/admin/users' },
    { name: 'users, sort=-messageCount', path: '/admin/users?sort=-messageCount' },
    { name: `users, variant=TREATMENT, offset ${deepOffset.toLocaleString('en-US')}`, path: `/admin/users?variant=TREATMENT&offset=${deepOffset}&limit=50` },
  ];

  const data = tempDir('admin');
  const databasePath = `${data.dir}/moodlobby.db`;
  const tracePath = `${data.dir}/sql-trace.jsonl`;
  let api;
  const timings = [];
  let window;
  let exported;
  try {
    copyFileSync(file, databasePath);
    api = await startApi({
      databasePath,
      dataDir: data.dir,
      maxSeconds: 600,
      ...traceOptions(tracePath),
    });
    const pids = { api: api.pid, bench: process.pid };
    const mark = cpuMark(pids);
    const ticks = machineTicks();
    for (const variant of variants) {
      const requests = [];
      let bytes = 0;
      let body;
      for (let i = 0; i < repeats; i++) {
        const from = Date.now();
        const started = performance.now();
        const response = await fetch(`${api.url}${variant.path}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, signal: AbortSignal.timeout(60_000) });
        const text = await response.text();
        requests.push({ ms: performance.now() - started, from, to: Date.now() });
        if (!response.ok) throw new Error(`${variant.path} answered ${response.status}: ${text.slice(0, 200)}`);
        bytes = text.length;
        body = JSON.parse(text);
      }
      const ms = requests.map((r) => r.ms);
      const timing = { ...variant, first: ms[0], median: median(ms.slice(1)), max: Math.max(...ms), all: ms, requests, bytes, check: check(variant, body, meta) };
      timings.push(timing);
      log(`admin: ${variant.name}: first ${fmt(timing.first, 0)} ms, median ${fmt(timing.median, 0)} ms, max ${fmt(timing.max, 0)} ms`);
    }
    const cpu = cpuPercent(mark, cpuMark(pids));
    window = { apiCpuPercent: cpu.api, others: othersPercent(machineBusyPercent(ticks, machineTicks()), cpu, cores()) };
    exported = await timeExport(api);
    log(`admin: users.csv: ${exported.rows.toLocaleString('en-US')} rows, ${fmt(exported.megabytes, 1)} MB in ${fmt(exported.seconds, 2)} s; API RSS ${fmt(exported.rssBefore, 0)} → peak ${fmt(exported.rssPeak, 0)} MiB`);
  } finally {
    await api?.stop('SIGTERM');
  }
  try {
    const trace = readTrace(tracePath);
    for (const timing of timings) {
      if (timing.median > TARGET_MS || timing.max > TARGET_MS) timing.statements = breakdown(databasePath, trace, timing.requests.slice(1));
    }
  } finally {
    data.dispose();
  }
  return summarize({ size, meta, generatedS, repeats, timings, window, exported });
}

/**
 * GET /admin/export/users.csv once, read as a stream (this process never holds the file): rows,
 * size, time, and the API's resident memory before and at its peak (sampled every 50 ms).
 */
async function timeExport(api) {
  const rssBefore = rssMiB(api.pid);
  const sampler = sampleRss({ api: api.pid }, 50);
  const started = performance.now();
  const response = await fetch(`${api.url}/admin/export/users.csv`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` }, signal: AbortSignal.timeout(300_000) });
  if (!response.ok) throw new Error(`/admin/export/users.csv answered ${response.status}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body) {
    bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  const { api: rss } = sampler.stop();
  return { rows: lines - 1, megabytes: bytes / 1e6, seconds, rssBefore, rssPeak: rss.peak };
}

/** A sanity check that the endpoint read the dataset (not an empty file or empty derived tables). */
function check(variant, body, meta) {
  if (variant.path.startsWith('/admin/metrics/summary')) {
    return variant.path.includes('asOf') ? body.totals.users > 0 && body.totals.users < meta.users : body.totals.users === meta.users && body.totals.messages === meta.messages;
  }
  return Array.isArray(body.items) && body.items.length > 0 && body.total > 0;
}

/**
 * The statements the API ran during these requests, by SQL text: median time per request
 * (inside the API, around better-sqlite3's call) and the query plan, read on the same file.
 */
function breakdown(databasePath, trace, requests) {
  const bySql = new Map();
  requests.forEach((request, index) => {
    for (const entry of trace) {
      if (entry.at < request.from || entry.at > request.to) continue;
      const found = bySql.get(entry.sql) ?? { sql: entry.sql, params: entry.params, ms: new Array(requests.length).fill(0) };
      found.ms[index] += entry.ms;
      bySql.set(entry.sql, found);
    }
  });
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    return [...bySql.values()]
      .map((s) => ({ sql: s.sql, ms: median(s.ms), plan: plan(db, s.sql, s.params) }))
      .filter((s) => s.ms >= TRACE_MIN_MS)
      .sort((a, b) => b.ms - a.ms);
  } finally {
    db.close();
  }
}

function plan(db, sql, params) {
  if (!/^\s*(SELECT|WITH)\b/i.test(sql)) return [];
  try {
    return db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((step) => step.detail);
  } catch (error) {
    return [`(no plan: ${error.message})`];
  }
}

function summarize({ size, meta, generatedS, repeats, timings, window, exported }) {
  const disturbed = window.others !== null && window.others > DISTURBED_PERCENT;
  const rows = timings.map((t) =>
    targetRow(`admin: ${t.name}`, `median ${fmt(t.median, 0)} ms, first ${fmt(t.first, 0)} ms, max ${fmt(t.max, 0)} ms`, t.check ? t.median : null, '<=', TARGET_MS, `≤ ${TARGET_MS} ms`, { invalid: disturbed }),
  );
  rows.unshift(
    row(
      'admin: dataset (SQLite)',
      `${meta.users.toLocaleString('en-US')} users, ${meta.messages.toLocaleString('en-US')} messages (+ as many jobs), ${meta.visits.toLocaleString('en-US')} visits, ${meta.activityDays.toLocaleString('en-US')} activity days (${size}${generatedS ? `, generated in ${generatedS.toFixed(0)} s` : ', cached'})`,
    ),
  );
  rows.push(
    row(
      'admin: users.csv export (streamed), API resident memory',
      `${exported.rows.toLocaleString('en-US')} rows, ${fmt(exported.megabytes, 1)} MB in ${fmt(exported.seconds, 2)} s; RSS ${fmt(exported.rssBefore, 0)} MiB before, peak ${fmt(exported.rssPeak, 0)} MiB (+${fmt(exported.rssPeak - exported.rssBefore, 0)} MiB)`,
    ),
    row('admin: API CPU while timing; other processes (% of a core)', `${fmt(window.apiCpuPercent, 0)}%; others ${fmt(window.others, 0)}%${disturbed ? ' DISTURBED' : ''}`, { status: disturbed ? 'invalid' : 'info' }),
  );
  const notes = [
    `Each variant: ${repeats} sequential requests over HTTP; "first" is the first request of that variant after the API started (the OS file cache is warm, SQLite's own page cache is not), median is over the other ${repeats - 1}. Result: median against the target; max shown too.`,
  ];
  if (disturbed) notes.push(`Other processes used more than ${DISTURBED_PERCENT}% of a core while timing: not judged; run again on a quiet machine.`);
  for (const t of timings.filter((t) => !t.check)) notes.push(`${t.name}: the response did not match the dataset; the timing is not judged.`);
  const diagnosed = timings.filter((t) => t.statements);
  let markdown = '';
  if (diagnosed.length) {
    const lines = [`#### Where the time goes (SQL the API ran, timed inside the API; median per request; statements under ${TRACE_MIN_MS} ms left out)`, ''];
    for (const t of diagnosed) {
      lines.push(`**${t.name}** (endpoint median ${fmt(t.median, 0)} ms)`, '', '| statement | ms | query plan |', '| --- | --- | --- |');
      for (const s of t.statements) {
        lines.push(`| \`${shortSql(s.sql, 160).replace(/\|/g, '\\|')}\` | ${fmt(s.ms, 0)} | ${s.plan.map((step) => `\`${step}\``).join('<br>')} |`);
      }
      lines.push('');
    }
    markdown = lines.join('\n');
  }
  for (const t of timings) delete t.requests;
  return { rows, notes, markdown, disturbed, details: { size, meta, repeats, timings, window, exported } };
}
