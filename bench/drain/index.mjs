/**
 * Inference drain: N jobs queued in a fresh SQLite file (messages + inference_jobs rows written
 * directly, as apps/api-e2e/src/inference-race.e2e.spec.ts does), then the API started with
 * INFERENCE_CONCURRENCY / INFERENCE_BATCH_SIZE and the DB polled until every job is DONE.
 * Compared with the same work sent straight to the same stub sidecar (direct.mjs).
 *
 * Rate of a drain = N / (last finished_at − first finished_at), from the jobs' own timestamps
 * (the API's clock), so the API's boot is not counted. It leaves out the first batch's own
 * duration: at most one batch, a few ms, over thousands of jobs.
 */
import { randomUUID } from 'node:crypto';
import testing from '@moodlobby/testing';
import Database from 'better-sqlite3';
import { cores, load1 } from '../lib/machine.mjs';
import { cpuMark, cpuPercent, DISTURBED_PERCENT, machineBusyPercent, machineTicks, othersPercent } from '../lib/procstat.mjs';
import { row, targetRow } from '../lib/result.mjs';
import { fmt, ratio } from '../lib/stats.mjs';
import { monotonicUs, profileMarkdown, summarizeProfileDir } from '../lib/profile.mjs';
import { migrate, profileDirFor, startApi, startSidecar, tempDir } from '../lib/services.mjs';
import { directCalls, jobText } from './direct.mjs';

const { fromSqliteTime, sleep, sqliteTime } = testing;

export const TARGET_RATIO = 0.8;
/** The API's defaults (.env.example): the configuration the headline compares. */
const CONCURRENCY = 4;
const BATCH_SIZE = 16;
const WARMUP_CALLS = 300;

export async function runDrain({ full, options, log }) {
  const jobs = options.drainJobs ?? (full ? 10_000 : 2_000);
  const budgetS = 300 + jobs / 20;
  log(`drain: ${jobs} jobs, ${CONCURRENCY} calls in flight`);
  const sidecar = await startSidecar({ maxSeconds: budgetS });
  try {
    await directCalls({ url: sidecar.url, path: '/infer', jobs: WARMUP_CALLS, concurrency: CONCURRENCY });
    const measureDirect = async (path, batchSize) => {
      const pids = { sidecar: sidecar.pid, bench: process.pid };
      const mark = cpuMark(pids);
      const ticks = machineTicks();
      const result = await directCalls({ url: sidecar.url, path, jobs, concurrency: CONCURRENCY, batchSize });
      const cpu = cpuPercent(mark, cpuMark(pids));
      result.sidecarCpuPercent = cpu.sidecar;
      result.others = othersPercent(machineBusyPercent(ticks, machineTicks()), cpu, cores());
      log(`drain/direct ${path}${batchSize > 1 ? ` ×${batchSize}` : ''}: ${fmt(result.jobsPerSecond, 0)} jobs/s (${result.errors} errors)`);
      return result;
    };
    const directSingle = await measureDirect('/infer', 1);
    const directBatch = await measureDirect('/infer/batch', BATCH_SIZE);
    const common = { jobs, concurrency: CONCURRENCY, sidecar, log, budgetS, profile: Boolean(options.profile) };
    const apiDefault = await drainThroughApi({ ...common, batchSize: BATCH_SIZE });
    const apiSingle = await drainThroughApi({ ...common, batchSize: 1 });
    return summarize({ jobs, directSingle, directBatch, apiDefault, apiSingle });
  } finally {
    await sidecar.stop('SIGTERM');
  }
}

async function drainThroughApi({ jobs, concurrency, batchSize, sidecar, log, budgetS, profile }) {
  const data = tempDir('drain');
  const profileDir = profile ? profileDirFor(`drain-api-b${batchSize}`) : null;
  const windowUs = {};
  const databasePath = `${data.dir}/moodlobby.db`;
  let api;
  let reader;
  let polling = false;
  try {
    await migrate(databasePath, data.dir);
    queueJobs(databasePath, jobs);
    reader = new Database(databasePath, { readonly: true, fileMustExist: true });
    const finished = reader.prepare(`SELECT COUNT(*) AS n FROM inference_jobs WHERE status IN ('DONE', 'FAILED')`).pluck();

    // Poll from the moment the process exists: the worker starts before /health answers.
    let pid = null;
    let firstSeen = null;
    let mark0 = null;
    polling = true;
    const done = (async () => {
      const deadline = Date.now() + budgetS * 1000;
      while (polling && Date.now() < deadline) {
        const n = finished.get();
        if (n > 0 && firstSeen === null && pid !== null) {
          firstSeen = performance.now();
          windowUs.fromUs = monotonicUs();
          mark0 = { cpu: cpuMark({ api: pid, sidecar: sidecar.pid, bench: process.pid }), ticks: machineTicks() };
        }
        if (n >= jobs) {
          windowUs.toUs = monotonicUs();
          return { at: performance.now(), cpu: cpuMark({ api: pid, sidecar: sidecar.pid, bench: process.pid }), ticks: machineTicks() };
        }
        await sleep(50);
      }
      throw new Error(`drain did not finish within ${budgetS} s (${finished.get()} of ${jobs} jobs finished)`);
    })();
    done.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
    const loadBefore = load1();
    api = await startApi({
      databasePath,
      dataDir: data.dir,
      maxSeconds: budgetS,
      onSpawn: (spawned) => (pid = spawned),
      profileDir,
      // A drain measures the worker's throughput, so no queued job may age out of the overload bound.
      env: {
        SIDECAR_URL: sidecar.url,
        INFERENCE_CONCURRENCY: String(concurrency),
        INFERENCE_BATCH_SIZE: String(batchSize),
        INFERENCE_MAX_BACKLOG_AGE_MS: String(24 * 3600 * 1000),
      },
    });
    const end = await done.finally(() => (polling = false));

    const stats = reader
      .prepare(
        `SELECT MIN(finished_at) AS first, MAX(finished_at) AS last,
                SUM(finished_at = (SELECT MIN(finished_at) FROM inference_jobs)) AS at_first,
                SUM(status = 'DONE') AS done, SUM(status = 'FAILED') AS failed, SUM(attempts <> 1) AS retried
           FROM inference_jobs`,
      )
      .get();
    const windowS = (fromSqliteTime(stats.last).getTime() - fromSqliteTime(stats.first).getTime()) / 1000;
    const cpu = mark0 ? cpuPercent(mark0.cpu, end.cpu) : { api: null, sidecar: null };
    const others = mark0 ? othersPercent(machineBusyPercent(mark0.ticks, end.ticks), cpu, cores()) : null;
    const result = {
      jobs,
      concurrency,
      batchSize,
      seconds: windowS,
      // The jobs finished at the first instant took time before the window opened: only those after it count.
      jobsPerSecond: windowS > 0 ? (jobs - stats.at_first) / windowS : null,
      polledSeconds: firstSeen !== null ? (end.at - firstSeen) / 1000 : null,
      done: stats.done,
      failed: stats.failed,
      retried: stats.retried,
      apiCpuPercent: cpu.api,
      others,
      sidecarCpuPercent: cpu.sidecar,
      loadBefore,
      profileDir,
      windowUs,
    };
    log(`drain/api c=${concurrency} b=${batchSize}: ${fmt(result.jobsPerSecond, 0)} jobs/s (${stats.done} done, ${stats.failed} failed, ${stats.retried} retried)`);
    return result;
  } finally {
    polling = false;
    reader?.close();
    await api?.stop('SIGTERM');
    data.dispose();
  }
}

/** With --profile: the API's CPU profile over the drain window (written when it exited). */
function profileOf(result) {
  if (!result.profileDir) return null;
  result.profile = summarizeProfileDir(result.profileDir, result.windowUs);
  return profileMarkdown(`API CPU profile while draining, batch ${result.batchSize} (--profile run)`, result.profile);
}

/** One user, `jobs` messages and their PENDING jobs, written in one transaction while no API runs. */
function queueJobs(databasePath, jobs) {
  const db = new Database(databasePath);
  try {
    const now = sqliteTime(Date.now() - 1000);
    const userId = randomUUID();
    const insertMessage = db.prepare(`INSERT INTO messages (id, user_id, nickname, text, created_at) VALUES (?, ?, 'Bulk', ?, ?)`);
    const insertJob = db.prepare(`INSERT INTO inference_jobs (id, message_id, run_at, created_at) VALUES (?, ?, ?, ?)`);
    db.transaction(() => {
      db.prepare(`INSERT INTO users (id, nickname, variant, created_at, last_seen_at) VALUES (?, 'Bulk', 'CONTROL', ?, ?)`).run(userId, now, now);
      for (let i = 0; i < jobs; i++) {
        const messageId = randomUUID();
        insertMessage.run(messageId, userId, jobText(i), now);
        insertJob.run(randomUUID(), messageId, now, now);
      }
    })();
  } finally {
    db.close();
  }
}

function summarize({ jobs, directSingle, directBatch, apiDefault, apiSingle }) {
  const headline = ratio(apiDefault.jobsPerSecond, directSingle.jobsPerSecond);
  const sameShapeSingle = ratio(apiSingle.jobsPerSecond, directSingle.jobsPerSecond);
  const sameShapeBatch = ratio(apiDefault.jobsPerSecond, directBatch.jobsPerSecond);
  const jps = (r) => `${fmt(r.jobsPerSecond, 0)} jobs/s`;
  const unclean = [apiDefault, apiSingle].some((r) => r.failed > 0 || r.retried > 0) || directSingle.errors > 0 || directBatch.errors > 0;
  const phases = { 'API defaults': apiDefault, 'API batch 1': apiSingle, 'direct /infer': directSingle, 'direct /infer/batch': directBatch };
  const disturbed = Object.values(phases).some((r) => r.others !== null && r.others > DISTURBED_PERCENT);
  const invalid = unclean || disturbed;
  const rows = [
    row(`drain: API, ${CONCURRENCY} in flight × batch ${BATCH_SIZE} (defaults), ${jobs.toLocaleString('en-US')} jobs`, `${jps(apiDefault)} (API CPU ${fmt(apiDefault.apiCpuPercent, 0)}%, sidecar ${fmt(apiDefault.sidecarCpuPercent, 0)}%)`),
    row(`drain: direct POST /infer × ${jobs.toLocaleString('en-US')}, ${CONCURRENCY} in flight`, `${jps(directSingle)} (sidecar CPU ${fmt(directSingle.sidecarCpuPercent, 0)}%)`),
    targetRow('drain: API (defaults) / direct /infer', fmt(headline, 2), headline, '>=', TARGET_RATIO, `≥ ${TARGET_RATIO}`, { invalid }),
    row(`drain: API, ${CONCURRENCY} in flight × batch 1`, `${jps(apiSingle)} (API CPU ${fmt(apiSingle.apiCpuPercent, 0)}%, sidecar ${fmt(apiSingle.sidecarCpuPercent, 0)}%)`),
    // Diagnostic, not the target: the queue's own overhead with the sidecar call shape held equal.
    row('drain: API batch 1 / direct /infer (same call shape; diagnostic)', fmt(sameShapeSingle, 2)),
    row(`drain: direct POST /infer/batch × ${Math.ceil(jobs / BATCH_SIZE)} (${BATCH_SIZE} texts), ${CONCURRENCY} in flight`, `${jps(directBatch)} (sidecar CPU ${fmt(directBatch.sidecarCpuPercent, 0)}%)`),
    row(`drain: API batch ${BATCH_SIZE} / direct /infer/batch (same call shape; diagnostic)`, fmt(sameShapeBatch, 2)),
  ];
  rows.push(
    row(
      'drain: other processes during each phase (% of a core)',
      `${Object.entries(phases).map(([name, r]) => `${name} ${fmt(r.others, 0)}%`).join(', ')}${disturbed ? ' DISTURBED' : ''}`,
      { status: disturbed ? 'invalid' : 'info' },
    ),
  );
  const notes = [];
  if (disturbed) notes.push(`Other processes used more than ${DISTURBED_PERCENT}% of a core during a phase: the ratios are not judged; run again on a quiet machine.`);
  if (unclean) notes.push(`Not a clean run: failed/retried jobs (defaults ${apiDefault.failed}/${apiDefault.retried}, batch 1 ${apiSingle.failed}/${apiSingle.retried}) or direct errors (${directSingle.errors}, ${directBatch.errors}).`);
  const markdown = [profileOf(apiDefault), profileOf(apiSingle)].filter(Boolean).join('\n\n');
  return { rows, notes, markdown, disturbed, details: { jobs, directSingle, directBatch, apiDefault, apiSingle } };
}
