/**
 * The admin benchmark's dataset: a large, deterministic lobby history written straight into a
 * SQLite file the API has migrated (so the schema and indexes are exactly the app's), with
 * better-sqlite3. Cached under bench/.cache/ by a key of the generator version, the sizes and
 * a hash of the migrations, so reruns skip the minute or so it takes.
 *
 * Shape (SPEC sections 6 and 10; columns from apps/api/src/migrations):
 * - users join over 60 days ending DATASET_END; each has a first visit at created_at, the arm is
 *   50/50 at random (seeded), nickname `user-<n>`, last_seen_at = their latest visit;
 * - the other visits go to users with a heavy tail (a few regulars, many one-timers), each
 *   0–45 days (exponential, mean 7) after the first, 1–30 minutes long; 0.5 % never ended;
 * - messages: 40 % of users never write; the rest with a heavy tail; each message falls inside
 *   one of its author's visits; moods weighted toward neutral;
 * - one inference job per message: 98 % DONE (latency 20 ms + exponential), 2 % FAILED after
 *   3 attempts (message `failed`); none PENDING, so a starting API has nothing to claim;
 * - activity_days: (user, UTC day) of every visit start and every message.
 * Dates are UTC text `YYYY-MM-DD HH:MM:SS.SSS`, as TypeORM writes them.
 *
 * Derived tables the API keeps beside these (running totals) are not written here: when the
 * built seed command offers `--rebuild-stats`, it recomputes them from the rows, the way the app
 * itself would after data was written by hand.
 *
 * Cache key: the generator version, the sizes, the migrations compiled into the API bundle (the
 * schema) and, when derived tables are rebuilt, the seed bundle (the code that derives them).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import shared from '@moodlobby/shared';
import testing from '@moodlobby/testing';
import Database from 'better-sqlite3';
import { apiSnapshot, CACHE, ROOT, migrate, runSeed, tempDir } from '../lib/services.mjs';

const { DAY_MS: DAY, utcDay } = shared;
const { mulberry32, sqliteTime } = testing;

/** Bump when the generator's output changes: the cache key includes it. */
export const DATASET_VERSION = 'v1';
export const SIZES = {
  full: { users: 100_000, messages: 1_000_000, visits: 300_000 },
  small: { users: 10_000, messages: 100_000, visits: 30_000 },
};
const MINUTE = 60_000;
export const DATASET_DAYS = 60;
/** The day after the last generated activity (exclusive end). */
export const DATASET_END = Date.UTC(2026, 10, 25);
const START = DATASET_END - DATASET_DAYS * DAY;
const MOODS = [
  ['neutral', 0.4],
  ['happy', 0.2],
  ['sad', 0.1],
  ['angry', 0.08],
  ['surprised', 0.1],
  ['scared', 0.06],
  ['disgusted', 0.06],
];
const WORDS = 'hello there anyone around today what a day the weather is nice coffee time later again see you soon lol that was great really not sure maybe tomorrow music game movie book lunch work late night early morning thanks welcome back good bad funny weird wow ok yes no why how'.split(' ');

function datasetKey() {
  const api = apiSnapshot({ rebuild: false });
  return createHash('sha256')
    .update(api.migrations.join(','))
    .update(api.rebuildStats ? api.seedSha256 : '')
    .digest('hex')
    .slice(0, 8);
}

function sizePrefix(sizeName) {
  const s = SIZES[sizeName];
  return `admin-${DATASET_VERSION}-${s.users}u-${s.messages}m-${s.visits}v-`;
}

export function datasetPath(sizeName) {
  return join(CACHE, `${sizePrefix(sizeName)}${datasetKey()}.db`);
}

/** The cached dataset's file and facts (made first if missing). */
export async function ensureDataset(sizeName, log) {
  const file = datasetPath(sizeName);
  const metaFile = file.replace(/\.db$/, '.json');
  if (existsSync(file) && existsSync(metaFile)) {
    log(`admin: cached dataset ${file.slice(ROOT.length)}`);
    return { file, meta: JSON.parse(readFileSync(metaFile, 'utf8')), generatedS: null };
  }
  mkdirSync(CACHE, { recursive: true });
  const partial = `${file}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
  const work = tempDir('admin-gen');
  const started = Date.now();
  try {
    log(`admin: generating the ${sizeName} dataset (${JSON.stringify(SIZES[sizeName])}); cached for later runs`);
    await migrate(partial, work.dir);
    const meta = generate(partial, SIZES[sizeName]);
    if (apiSnapshot({ rebuild: false }).rebuildStats) {
      const rebuilding = Date.now();
      log('admin: recomputing the API\'s derived tables (seed.js --rebuild-stats)');
      await runSeed(partial, work.dir, ['--rebuild-stats']);
      meta.rebuildStatsS = (Date.now() - rebuilding) / 1000;
    }
    renameSync(partial, file);
    writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
    // Datasets of this size for other schemas are stale now (about 1 GB each at full size).
    const keep = new Set([file, metaFile].map((path) => path.slice(CACHE.length + 1)));
    for (const old of readdirSync(CACHE)) if (old.startsWith(sizePrefix(sizeName)) && !keep.has(old)) rmSync(join(CACHE, old), { force: true });
    const generatedS = (Date.now() - started) / 1000;
    log(`admin: dataset ready in ${generatedS.toFixed(0)} s`);
    return { file, meta, generatedS };
  } finally {
    work.dispose();
    for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
  }
}

function generate(path, { users: U, messages: M, visits: V }) {
  // libs/testing's seeded PRNG: the same version gives the same rows everywhere (a change to it changes the dataset: bump DATASET_VERSION).
  const rng = mulberry32(20261125);
  const hex = () => Math.floor(rng() * 2 ** 32).toString(16).padStart(8, '0');
  const uuid = () => {
    const [a, b, c, d] = [hex(), hex(), hex(), hex()];
    return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${'89ab'[c.charCodeAt(0) & 3]}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  };
  const exponential = (mean) => -Math.log(1 - rng()) * mean;

  // Users and their first visits.
  const userIds = Array.from({ length: U }, uuid);
  const created = new Float64Array(U);
  const treatment = new Uint8Array(U);
  for (let u = 0; u < U; u++) {
    created[u] = START + Math.floor(rng() * (DATASET_DAYS * DAY - 2 * 60 * MINUTE));
    treatment[u] = rng() < 0.5 ? 1 : 0;
  }
  const visitUser = new Uint32Array(V);
  const visitStart = new Float64Array(V);
  const visitEnd = new Float64Array(V);
  const lengthOfVisit = () => (1 + Math.floor(rng() * 30)) * MINUTE;
  for (let v = 0; v < V; v++) {
    let u;
    let start;
    if (v < U) {
      u = v;
      start = created[u];
    } else {
      u = Math.floor(U * rng() ** 2);
      for (let tries = 0; ; tries++) {
        start = created[u] + Math.floor(exponential(7)) * DAY + Math.floor((rng() - 0.5) * 6 * 60 * MINUTE);
        if (start > created[u] && start < DATASET_END - 60 * MINUTE) break;
        if (tries > 20) {
          start = created[u] + Math.floor(rng() * (DATASET_END - 60 * MINUTE - created[u]));
          break;
        }
      }
    }
    visitUser[v] = u;
    visitStart[v] = start;
    visitEnd[v] = rng() < 0.005 ? NaN : start + lengthOfVisit();
  }
  const lastSeen = Float64Array.from(created);
  const visitsOf = new Uint32Array(U + 1);
  for (let v = 0; v < V; v++) {
    const u = visitUser[v];
    lastSeen[u] = Math.max(lastSeen[u], Number.isNaN(visitEnd[v]) ? visitStart[v] : visitEnd[v]);
    visitsOf[u + 1]++;
  }
  for (let u = 0; u < U; u++) visitsOf[u + 1] += visitsOf[u];
  const fill = visitsOf.slice(0, U);
  const visitList = new Uint32Array(V);
  for (let v = 0; v < V; v++) visitList[fill[visitUser[v]]++] = v;

  // Messages, each inside one of its author's visits.
  const messageUser = new Uint32Array(M);
  const messageAt = new Float64Array(M);
  for (let m = 0; m < M; m++) {
    let u;
    do u = Math.floor(U * rng() ** 2);
    while (u % 5 < 2); // 40 % of users only read
    const own = visitsOf[u + 1] - visitsOf[u];
    const v = visitList[visitsOf[u] + Math.floor(rng() * own)];
    const length = Number.isNaN(visitEnd[v]) ? 10 * MINUTE : visitEnd[v] - visitStart[v];
    messageUser[m] = u;
    messageAt[m] = visitStart[v] + Math.floor(rng() * length);
  }

  // Active days: a bit per (user, day).
  const active = new Uint8Array(U * DATASET_DAYS);
  const mark = (u, at) => (active[u * DATASET_DAYS + Math.floor((at - START) / DAY)] = 1);
  for (let v = 0; v < V; v++) mark(visitUser[v], visitStart[v]);
  for (let m = 0; m < M; m++) mark(messageUser[m], messageAt[m]);

  const byTime = (times) => Uint32Array.from({ length: times.length }, (_, i) => i).sort((a, b) => times[a] - times[b]);
  const db = new Database(path);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -400000');
  const counts = { CONTROL: 0, TREATMENT: 0, done: 0, failed: 0, activityDays: 0, openVisits: 0 };
  try {
    db.transaction(() => {
      const insertUser = db.prepare('INSERT INTO users (id, nickname, variant, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)');
      for (const u of byTime(created)) {
        const variant = treatment[u] ? 'TREATMENT' : 'CONTROL';
        counts[variant]++;
        insertUser.run(userIds[u], `user-${u}`, variant, sqliteTime(created[u]), sqliteTime(lastSeen[u]));
      }
      const insertVisit = db.prepare('INSERT INTO visits (id, user_id, started_at, ended_at) VALUES (?, ?, ?, ?)');
      for (const v of byTime(visitStart)) {
        const open = Number.isNaN(visitEnd[v]);
        if (open) counts.openVisits++;
        insertVisit.run(uuid(), userIds[visitUser[v]], sqliteTime(visitStart[v]), open ? null : sqliteTime(visitEnd[v]));
      }
      const insertMessage = db.prepare(
        'INSERT INTO messages (id, user_id, nickname, text, mood, mood_status, confidence, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const insertJob = db.prepare(
        `INSERT INTO inference_jobs (id, message_id, status, attempts, last_error, run_at, created_at, finished_at, latency_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const m of byTime(messageAt)) {
        const id = uuid();
        const u = messageUser[m];
        const at = messageAt[m];
        const words = Array.from({ length: 3 + Math.floor(rng() * 7) }, () => WORDS[Math.floor(rng() * WORDS.length)]).join(' ');
        const createdAt = sqliteTime(at);
        if (rng() < 0.02) {
          counts.failed++;
          insertMessage.run(id, userIds[u], `user-${u}`, words, 'neutral', 'failed', null, createdAt);
          insertJob.run(uuid(), id, 'FAILED', 3, 'HTTP 503: sidecar unavailable', sqliteTime(at + 7000), createdAt, sqliteTime(at + 7000), null);
        } else {
          counts.done++;
          let pick = rng();
          let mood = MOODS[0][0];
          for (const [name, weight] of MOODS) {
            if ((pick -= weight) < 0) {
              mood = name;
              break;
            }
          }
          const latency = 20 + Math.min(3000, Math.floor(exponential(60)));
          insertMessage.run(id, userIds[u], `user-${u}`, words, mood, 'done', 0.5 + Math.round(rng() * 50) / 100, createdAt);
          insertJob.run(uuid(), id, 'DONE', 1, null, createdAt, createdAt, sqliteTime(at + latency), latency);
        }
      }
      const insertDay = db.prepare('INSERT INTO activity_days (user_id, day) VALUES (?, ?)');
      const days = Array.from({ length: DATASET_DAYS }, (_, d) => utcDay(new Date(START + d * DAY)));
      for (let u = 0; u < U; u++) {
        for (let d = 0; d < DATASET_DAYS; d++) {
          if (active[u * DATASET_DAYS + d]) {
            insertDay.run(userIds[u], days[d]);
            counts.activityDays++;
          }
        }
      }
    })();
    // Leave the file as the API keeps it.
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  return {
    version: DATASET_VERSION,
    users: U,
    visits: V,
    messages: M,
    jobs: M,
    ...counts,
    firstDay: utcDay(new Date(START)),
    lastDay: utcDay(new Date(DATASET_END - DAY)),
  };
}
