/**
 * The servers the benchmarks measure: the built API (dist/apps/api/main.js) and the Python
 * sidecar (stub model), each a separate process on a leash, on 127.0.0.1 ports. Also the
 * workspace facts a result records (commit, build hash).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import testing from '@moodlobby/testing';
import { onExit, startLeashed } from './proc.mjs';

const { apiEnv, freePort, SIDECAR_DIR, SIDECAR_PYTHON, sidecarLaunch, waitUntilHealthy } = testing;

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CACHE = join(ROOT, 'bench/.cache');
const API_DIST = join(ROOT, 'dist/apps/api/main.js');
const WEB_DIST = join(ROOT, 'dist/apps/web/browser/index.html');

export const ADMIN_TOKEN = 'bench-admin-token';

/** `nx build <project>` (no daemon), output to the console. */
export function build(project) {
  const result = spawnSync('npx', ['nx', 'build', project, '--outputStyle=static'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  if (result.status !== 0) throw new Error(`nx build ${project} failed`);
}

export function webIndexPath({ rebuild }) {
  if (rebuild || !existsSync(WEB_DIST)) build('web');
  return WEB_DIST;
}

let snapshot = null;

/**
 * A private copy of the built API (main.js, seed.js and the worker beside them) for this run, so a rebuild by someone
 * else mid-run cannot swap the server under us. It sits under bench/.cache so node_modules
 * still resolve from the workspace. Also reads from the bundle what the admin dataset depends
 * on: the migrations it runs and whether its seed can rebuild derived tables (`--rebuild-stats`).
 */
export function apiSnapshot({ rebuild }) {
  if (snapshot) return snapshot;
  if (rebuild || !existsSync(API_DIST)) build('api');
  const bytes = readFileSync(API_DIST);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const dir = join(CACHE, 'api', sha256.slice(0, 12));
  // Older snapshots are of older builds: keep only this one.
  if (existsSync(join(CACHE, 'api'))) {
    for (const old of readdirSync(join(CACHE, 'api'))) if (old !== sha256.slice(0, 12)) rmSync(join(CACHE, 'api', old), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  const main = join(dir, 'main.js');
  if (!existsSync(main)) copyFileSync(API_DIST, main);
  // The API starts its WAL checkpoint worker from a file beside main.js.
  for (const asset of ['wal-checkpoint.worker.cjs']) {
    const from = join(dirname(API_DIST), asset);
    if (existsSync(from) && !existsSync(join(dir, asset))) copyFileSync(from, join(dir, asset));
  }
  const seedDist = join(dirname(API_DIST), 'seed.js');
  const seed = existsSync(seedDist) ? join(dir, 'seed.js') : null;
  if (seed && !existsSync(seed)) copyFileSync(seedDist, seed);
  const seedText = seed ? readFileSync(seed, 'utf8') : '';
  const builtAt = statSync(API_DIST).mtimeMs;
  snapshot = {
    main,
    seed,
    sha256,
    builtAt: new Date(builtAt).toISOString(),
    stale: !rebuild && newestSource(['apps/api/src', 'libs/shared/src']) > builtAt,
    migrations: [...new Set(bytes.toString('utf8').match(/\b[A-Z][A-Za-z]*\d{13}\b/g) ?? [])].sort(),
    rebuildStats: seedText.includes('--rebuild-stats'),
    seedSha256: createHash('sha256').update(seedText).digest('hex'),
  };
  return snapshot;
}

/**
 * mtime (ms) of the newest source file (not a spec) under these workspace folders: a build older
 * than it may be stale. Only a hint: webpack does not rewrite an unchanged output file.
 */
export function newestSource(dirs) {
  let newest = 0;
  const walk = (path) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|html|css|scss)$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of dirs) walk(join(ROOT, dir));
  return newest;
}

/** Where `--profile` runs keep their .cpuprofile files. */
export function profileDirFor(label) {
  return join(CACHE, 'profiles', `${new Date().toISOString().replace(/[:.]/g, '-')}-${label}`);
}

/** A fresh temp folder for one server's data; `dispose()` removes it (so does an early exit of the bench). */
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `moodlobby-bench-${prefix}-`));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const forget = onExit(remove);
  return {
    dir,
    dispose: () => {
      forget();
      remove();
    },
  };
}

/**
 * Starts the built API on a free port with `env` added to a production-like environment,
 * the SQLite file `databasePath`, and cwd `dataDir`. Resolves once /health answers; `onSpawn`
 * gets the pid as soon as the process runs (its inference worker starts before /health does).
 * With `profileDir`, node's --cpu-prof writes a profile there when the API exits; `nodeArgs` go
 * to node before the script (e.g. `--require` of a preload).
 */
export async function startApi({ databasePath, dataDir, env = {}, maxSeconds, rebuild = false, onSpawn = () => undefined, profileDir = null, nodeArgs = [] }) {
  const { main } = apiSnapshot({ rebuild });
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const port = await freePort();
  const server = await startLeashed({
    name: 'api',
    command: process.execPath,
    args: [...nodeArgs, ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []), main],
    cwd: dataDir,
    maxSeconds,
    env: apiEnv({
      port,
      databaseUrl: `sqlite:${databasePath}`,
      env: { NODE_ENV: 'production', SESSION_SECRET: randomBytes(24).toString('hex'), ADMIN_TOKEN, ...env },
    }),
  });
  onSpawn(server.pid);
  return healthy(server, port, 60_000);
}

/** Waits for a leashed service's `/health` (killing it and showing its output if it never answers). */
async function healthy(service, port, timeoutMs) {
  const url = `http://127.0.0.1:${port}`;
  await waitUntilHealthy({ ...service, kill: () => service.stop('SIGKILL') }, `${url}/health`, timeoutMs);
  return { ...service, url, port };
}

/**
 * Runs the API's seed command (`seed.js <args>`) against a SQLite file, e.g. `--rebuild-stats`
 * to recompute derived tables after rows were written directly. Resolves when it exits 0.
 */
export async function runSeed(databasePath, dataDir, args, { maxSeconds = 900 } = {}) {
  const { seed } = apiSnapshot({ rebuild: false });
  if (!seed) throw new Error('dist/apps/api/seed.js is missing (nx build api)');
  const child = await startLeashed({
    name: 'seed',
    command: process.execPath,
    args: [seed, ...args],
    cwd: dataDir,
    maxSeconds,
    env: { PATH: process.env.PATH, NODE_ENV: 'test', DATABASE_URL: `sqlite:${databasePath}`, LOG_LEVEL: 'warn' },
  });
  const { code, signal } = await child.exited;
  if (code !== 0) throw new Error(`seed.js ${args.join(' ')} failed (${code ?? signal})\n${child.output()}`);
}

/** Starts the API once on an empty file so its migrations create the schema, then stops it. */
export async function migrate(databasePath, dataDir) {
  const api = await startApi({ databasePath, dataDir, maxSeconds: 120 });
  const { code } = await api.stop('SIGTERM');
  if (code !== 0) throw new Error(`the API did not stop cleanly after migrating (exit ${code})\n${api.output()}`);
}

/** The real sidecar (uvicorn, ENABLE_MODEL=0: the stub) on a free 127.0.0.1 port, started as the e2e suites start it. */
export async function startSidecar({ maxSeconds }) {
  if (!existsSync(SIDECAR_PYTHON)) {
    const made = spawnSync(process.execPath, [join(SIDECAR_DIR, 'scripts/ensure-venv.mjs')], { cwd: ROOT, stdio: 'inherit' });
    if (made.status !== 0) throw new Error('could not create python-sidecar/.venv');
  }
  const port = await freePort();
  const sidecar = await startLeashed({ name: 'sidecar', ...sidecarLaunch({ port }), maxSeconds });
  return healthy(sidecar, port, 30_000);
}

/** The commit the run measured, and whether the working tree had changes. */
export function gitState() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'apps', 'libs', 'python-sidecar'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}
