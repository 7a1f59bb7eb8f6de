#!/usr/bin/env node
// The container test: builds and runs a compose stack for real and talks to it as users would,
// over the published port with real Socket.IO clients. Run by docker/test/run.sh (see there for
// the engine, the bases and the clean clone); prints each step's time.
//
//   node docker/test/stack-test.mjs single --dir <clone> --project <name> --port <n> --arch <arm64|amd64> [--figures <file.json>]
//   node docker/test/stack-test.mjs scale  --dir <clone> --project <name> --port <n> --arch <arch> [--figures <file.json>]
//
// single (docker/compose.yml): builds both images, `up --build -d`, both health checks, /health,
//   session:start → session:ack, a message from a second client received by the first, a happy
//   line's message:mood_updated, then `stop` with two clients sending: the API exits 0 within 5 s
//   and every acknowledged message is there after `up -d`; `down -v`.
// scale (docker/compose.scale.yml): two API replicas on PostgreSQL + Redis behind the sticky proxy:
//   a message through replica A reaches a client on replica B, presence and the rate limit are
//   shared, long-polling sticks to one replica; `down -v`.
// The caller sets the stack's environment (SESSION_SECRET, ENABLE_MODEL=1, the bases, …).
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';

const { positionals, values: opts } = parseArgs({
  allowPositionals: true,
  options: {
    dir: { type: 'string' },
    project: { type: 'string' },
    port: { type: 'string' },
    arch: { type: 'string' },
    figures: { type: 'string' },
  },
});
const mode = positionals[0];
if (!['single', 'scale'].includes(mode) || !opts.dir || !opts.project || !opts.port || !opts.arch) {
  console.error('usage: stack-test.mjs single|scale --dir <clone> --project <name> --port <n> --arch <arch> [--figures <file>]');
  process.exit(2);
}
const base = `http://127.0.0.1:${opts.port}`;
const composeFile = mode === 'single' ? 'docker/compose.yml' : 'docker/compose.scale.yml';
// Debian's docker-compose (v1) unless COMPOSE says otherwise, e.g. COMPOSE="docker compose".
const composeCommand = (process.env.COMPOSE || 'docker-compose').split(' ');
const figures = { mode, arch: opts.arch, steps: {} };
const label = `[${mode} ${opts.arch}]`;
const HAPPY_LINE = 'I am so happy today, this is wonderful and I love it! What a great, joyful day 😄';

// ---- helpers -------------------------------------------------------------------------------

function compose(...args) {
  return execFileSync(composeCommand[0], [...composeCommand.slice(1), '-p', opts.project, '-f', composeFile, ...args], {
    cwd: opts.dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Like compose(), but its output goes to ours (builds are long and worth watching). */
function composeLoud(...args) {
  const argv = [...composeCommand.slice(1), '-p', opts.project, '-f', composeFile, ...args];
  // The exact command in the log, so a reader of CI's output sees what ran (e.g. `up --build -d`).
  console.log(`${label} $ ${[composeCommand[0], ...argv].join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(composeCommand[0], argv, {
      cwd: opts.dir,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`compose ${args.join(' ')} exited ${code}`))));
  });
}

function docker(...args) {
  return execFileSync('docker', args, { encoding: 'utf8' }).trim();
}

function containerOf(service) {
  const id = compose('ps', '-q', service).trim();
  if (!id) throw new Error(`no container for ${service}`);
  return id;
}

async function step(name, fn) {
  const started = Date.now();
  try {
    const result = await fn();
    const seconds = (Date.now() - started) / 1000;
    figures.steps[name] = seconds;
    console.log(`${label} ${name}: ${seconds.toFixed(1)} s`);
    return result;
  } catch (error) {
    console.error(`${label} FAILED: ${name} after ${((Date.now() - started) / 1000).toFixed(1)} s: ${error.stack ?? error}`);
    throw error;
  }
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what, timeoutMs, probe) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await sleep(250);
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s${last ? ` (last: ${last.message})` : ''}`);
}

async function waitHealthy(services, timeoutMs) {
  const ids = services.map((service) => [service, containerOf(service)]);
  await until(`health checks of ${services.join(', ')}`, timeoutMs, () => {
    for (const [service, id] of ids) {
      const status = docker('inspect', '-f', '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}', id);
      if (status.startsWith('exited')) throw Object.assign(new Error(`${service} exited`), { fatal: true });
      if (status !== 'running healthy') return false;
    }
    return true;
  }).catch((error) => {
    for (const [service] of ids) console.error(`--- logs of ${service}\n${compose('logs', '--no-color', '--tail', '40', service)}`);
    throw error;
  });
}

/**
 * GET over a fresh connection each time (no keep-alive: the engine's port proxy can hold a
 * connection open after the container closed its end, and a reused one then fails).
 */
function get(path, headers = {}) {
  return new Promise((resolve, reject) => {
    const request = httpGet(`${base}${path}`, { headers, agent: false, timeout: 10_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${path}: no answer within 10 s`)));
    request.on('error', reject);
  });
}

async function getJson(path, headers = {}) {
  const answer = await get(path, headers);
  return { ...answer, body: answer.body ? JSON.parse(answer.body) : undefined };
}

/** A Socket.IO client that records what it receives, so a wait never races an early event. */
class Client {
  constructor(name, { cookie, transports = ['websocket'], withCredentials = false } = {}) {
    this.name = name;
    this.received = [];
    this.waiters = new Set();
    this.socket = io(base, {
      transports,
      upgrade: transports.length > 1,
      reconnection: false,
      forceNew: true,
      withCredentials,
      extraHeaders: cookie ? { cookie } : undefined,
    });
    this.socket.onAny((event, payload) => {
      this.received.push({ event, payload });
      for (const waiter of [...this.waiters]) waiter();
    });
  }

  connected() {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('connect_error', (error) => reject(new Error(`${this.name}: ${error.message}`)));
    });
  }

  async start(nickname, token) {
    await this.connected();
    const ack = await this.socket.timeout(30_000).emitWithAck('session:start', token ? { nickname, token } : { nickname });
    check(ack?.ok === true, `${this.name}: session:start refused: ${JSON.stringify(ack)}`);
    this.session = ack;
    return ack;
  }

  send(text) {
    return this.socket.timeout(30_000).emitWithAck('message:send', { text, clientMessageId: randomUUID() });
  }

  waitFor(event, predicate = () => true, timeoutMs = 30_000) {
    return new Promise((resolve, reject) => {
      const find = () => {
        const hit = this.received.find((r) => r.event === event && predicate(r.payload));
        if (!hit) return;
        this.waiters.delete(find);
        clearTimeout(timer);
        resolve(hit.payload);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(find);
        reject(new Error(`${this.name}: no matching ${event} within ${timeoutMs / 1000} s (got ${this.received.map((r) => r.event).join(', ')})`));
      }, timeoutMs);
      this.waiters.add(find);
      find();
    });
  }

  close() {
    this.socket.disconnect();
  }
}

function imageFigures(services) {
  const images = {};
  for (const service of services) {
    const image = docker('inspect', '-f', '{{.Image}}', containerOf(service));
    const [size, arch] = docker('image', 'inspect', '-f', '{{.Size}} {{.Architecture}}', image).split(' ');
    images[service] = { megabytes: Math.round(Number(size) / 1e5) / 10, arch };
    console.log(`${label} image of ${service}: ${images[service].megabytes} MB, ${arch}`);
  }
  return images;
}

// ---- the single-node stack -----------------------------------------------------------------

async function single() {
  await step('build sidecar image', () => composeLoud('build', 'sidecar'));
  await step('build api image', () => composeLoud('build', 'api'));
  const upAt = Date.now();
  await step('up --build -d', () => composeLoud('up', '--build', '-d'));
  await step('API /health answers (from up)', () => until('/health', 180_000, async () => (await getJson('/health')).status === 200));
  figures.coldStartToHealthSeconds = (Date.now() - upAt) / 1000;
  await step('both health checks healthy', () => waitHealthy(['sidecar', 'api'], 180_000));
  figures.coldStartToHealthySeconds = (Date.now() - upAt) / 1000;
  console.log(`${label} cold start to healthy: ${figures.coldStartToHealthySeconds.toFixed(1)} s (/health answered after ${figures.coldStartToHealthSeconds.toFixed(1)} s)`);
  figures.images = imageFigures(['sidecar', 'api']);

  await step('images: platform, non-root, read-only', () => {
    const wantArch = opts.arch;
    for (const [service, user] of [['api', 'node'], ['sidecar', '10001:10001']]) {
      const id = containerOf(service);
      check(figures.images[service].arch === wantArch, `${service} image is ${figures.images[service].arch}, not ${wantArch}`);
      check(docker('inspect', '-f', '{{.Config.User}}', id) === user, `${service} does not run as ${user}`);
      check(docker('inspect', '-f', '{{.HostConfig.ReadonlyRootfs}}', id) === 'true', `${service}'s root filesystem is writable`);
    }
    const machine = docker('exec', containerOf('api'), 'node', '-p', 'process.arch');
    check(machine === (wantArch === 'amd64' ? 'x64' : wantArch), `the API's Node runs as ${machine}`);
    const uid = docker('exec', containerOf('api'), 'node', '-p', 'process.getuid()');
    check(uid !== '0', 'the API runs as root');
  });

  await step('/health and /health/ready over the published port', async () => {
    const health = await getJson('/health');
    check(health.status === 200 && health.body.status === 'ok', `/health: ${health.status} ${JSON.stringify(health.body)}`);
    const ready = await getJson('/health/ready');
    check(ready.status === 200 && ready.body.info?.sidecar?.status === 'up', `/health/ready: ${ready.status} ${JSON.stringify(ready.body)}`);
    const page = (await get('/', { accept: 'text/html' })).body;
    check(page.includes('<title>moodlobby</title>'), '/ does not serve the web app');
  });

  const alice = new Client('alice');
  const bob = new Client('bob');
  await step('session:start → session:ack (two clients)', async () => {
    const ack = await alice.start('alice');
    check(typeof ack.token === 'string' && ack.user?.nickname === 'alice', `alice's ack: ${JSON.stringify(ack)}`);
    await alice.waitFor('session:ack');
    await bob.start('bob');
  });

  await step("bob's message reaches alice", async () => {
    const ack = await bob.send('hello from the other client');
    check(ack?.ok === true, `bob's send: ${JSON.stringify(ack)}`);
    const seen = await alice.waitFor('message:new', (m) => m.id === ack.message.id);
    check(seen.text === 'hello from the other client' && seen.nickname === 'bob', `alice got ${JSON.stringify(seen)}`);
  });

  await step('message:mood_updated: a happy line comes back happy', async () => {
    const ack = await bob.send(HAPPY_LINE);
    check(ack?.ok === true, `send: ${JSON.stringify(ack)}`);
    const update = await alice.waitFor('message:mood_updated', (u) => u.messageId === ack.message.id, 90_000);
    check(update.status === 'done' && update.mood === 'happy', `mood update: ${JSON.stringify(update)}`);
  });

  // Both clients keep sending, one message every 20 ms each (up to 4 awaiting their ack), until
  // their sockets close: the stop lands while messages are being sent and acknowledged.
  const acked = new Set();
  let signalAt = Infinity;
  let sentDuringStop = 0;
  let ackedDuringStop = 0;
  const pumps = [alice, bob].map(async (client) => {
    let n = 0;
    const pending = new Set();
    while (client.socket.connected && n < 1000) {
      if (pending.size >= 4) {
        await Promise.race(pending);
        continue;
      }
      if (Date.now() >= signalAt) sentDuringStop++;
      const sent = client
        .send(`${client.name} load ${n++}`)
        .then(
          (ack) => {
            if (!ack?.ok) return;
            acked.add(ack.message.id);
            if (Date.now() >= signalAt) ackedDuringStop++;
          },
          () => 'not acknowledged (the server went away): nothing was promised',
        )
        .finally(() => pending.delete(sent));
      pending.add(sent);
      await sleep(20);
    }
    await Promise.allSettled(pending);
  });

  const apiContainer = containerOf('api');
  await step('stop with two clients sending: the API exits 0 within 5 s', async () => {
    await until('30 acknowledged messages under load', 60_000, () => acked.size >= 30);
    signalAt = Date.now();
    await composeLoud('stop');
    await Promise.all(pumps);
    const [exitCode, finishedAt] = docker('inspect', '-f', '{{.State.ExitCode}} {{.State.FinishedAt}}', apiContainer).split(' ');
    const drainMs = Date.parse(finishedAt) - signalAt;
    figures.drainSeconds = drainMs / 1000;
    figures.ackedUnderLoad = acked.size;
    figures.sentDuringStop = sentDuringStop;
    console.log(
      `${label} API exit ${exitCode}, ${(drainMs / 1000).toFixed(2)} s after \`stop\`; ${acked.size} messages acknowledged, ` +
        `${sentDuringStop} sent after \`stop\` began (${ackedDuringStop} of them acknowledged before the API closed)`,
    );
    check(sentDuringStop > 0, 'the clients had stopped sending before the stop began');
    check(exitCode === '0', `the API exited ${exitCode}\n${compose('logs', '--no-color', '--tail', '30', 'api')}`);
    check(drainMs <= 5000, `the API took ${drainMs} ms to exit`);
    const sidecarExit = docker('inspect', '-f', '{{.State.ExitCode}}', containerOf('sidecar'));
    check(sidecarExit === '0', `the sidecar exited ${sidecarExit}`);
    // The checkpoint worker ran beside main.js in the image, and the last checkpoint at shutdown
    // left an empty WAL on the volume.
    check(!compose('logs', '--no-color', 'api').includes('no WAL checkpoint worker'), 'the WAL checkpoint worker did not start');
    const image = docker('inspect', '-f', '{{.Image}}', apiContainer);
    const wal = docker('run', '--rm', '--platform', `linux/${opts.arch}`, '-v', `${opts.project}_moodlobby-data:/data:ro`, '--entrypoint', 'sh', image,
      '-c', 'if [ -e /data/moodlobby.db-wal ]; then wc -c </data/moodlobby.db-wal; else echo none; fi');
    check(wal === '0' || wal === 'none', `the WAL holds ${wal} bytes after the stop`);
  });

  await step('up -d again: every acknowledged message is there', async () => {
    await composeLoud('up', '-d');
    await waitHealthy(['sidecar', 'api'], 180_000);
    const carol = new Client('carol');
    const ack = await carol.start('carol');
    const ids = new Set(ack.history.map((m) => m.id));
    check(ack.history.length < Number(process.env.MESSAGE_HISTORY_LIMIT || 50), 'the history is full: raise MESSAGE_HISTORY_LIMIT so it can show every message');
    const missing = [...acked].filter((id) => !ids.has(id));
    check(missing.length === 0, `${missing.length} of ${acked.size} acknowledged messages are missing after the restart`);
    carol.close();
  });

  await step('down -v', () => composeLoud('down', '-v', '--remove-orphans'));
}

// ---- the scale-out stack -------------------------------------------------------------------

async function scale() {
  const upAt = Date.now();
  await step('up --build -d (PostgreSQL, Redis, sidecar, 2 API replicas, proxy)', () => composeLoud('up', '--build', '-d'));
  await step('all health checks healthy, /health through the proxy', async () => {
    await waitHealthy(['postgres', 'redis', 'sidecar', 'api-a', 'api-b'], 240_000);
    await until('/health through the proxy', 60_000, async () => (await getJson('/health')).status === 200);
  });
  figures.coldStartToHealthySeconds = (Date.now() - upAt) / 1000;

  await step('the cookie picks the replica', async () => {
    for (const replica of ['a', 'b']) {
      const requestId = `replica-probe-${replica}-${randomUUID()}`;
      // An admin route without the token: refused (401), and logged with its request id.
      const { headers, status } = await get('/admin/metrics/summary', { cookie: `moodlobby_replica=${replica}`, 'x-request-id': requestId });
      check(status === 401 && headers['x-moodlobby-replica'] === replica, `route ${replica}: ${status}`);
      await until(`api-${replica} logs the probe`, 10_000, () => compose('logs', '--no-color', `api-${replica}`).includes(requestId));
      const other = replica === 'a' ? 'b' : 'a';
      check(!compose('logs', '--no-color', `api-${other}`).includes(requestId), `api-${other} served replica ${replica}'s probe`);
    }
  });

  const onA = new Client('on-a', { cookie: 'moodlobby_replica=a' });
  const onB = new Client('on-b', { cookie: 'moodlobby_replica=b' });
  await step('presence is shared', async () => {
    const a = await onA.start('alice');
    const b = await onB.start('bob');
    const both = (p) => [a.user.id, b.user.id].every((id) => p.users.some((u) => u.id === id));
    await onA.waitFor('presence:update', both);
    await onB.waitFor('presence:update', both);
  });

  await step('a message through replica A reaches a client on replica B (and back)', async () => {
    const ack = await onA.send('from replica a');
    check(ack?.ok === true, `send on a: ${JSON.stringify(ack)}`);
    await onB.waitFor('message:new', (m) => m.id === ack.message.id);
    const back = await onB.send('from replica b');
    await onA.waitFor('message:new', (m) => m.id === back.message.id);
  });

  await step('the rate limit is shared', async () => {
    const max = Number(process.env.RATE_LIMIT_MAX);
    check(max >= 2, 'set RATE_LIMIT_MAX (and a long RATE_LIMIT_WINDOW_MS) for this test');
    const tabA = new Client('carol-a', { cookie: 'moodlobby_replica=a' });
    const tabB = new Client('carol-b', { cookie: 'moodlobby_replica=b' });
    const { token } = await tabA.start('carol');
    await tabB.start('carol', token);
    for (let i = 0; i < max; i++) {
      const ack = await (i % 2 ? tabB : tabA).send(`carol ${i}`);
      check(ack?.ok === true, `message ${i + 1} of ${max} refused: ${JSON.stringify(ack)}`);
    }
    for (const tab of [tabA, tabB]) {
      const ack = await tab.send('one too many');
      check(ack?.ok === false && ack.error === 'rate_limited', `${tab.name}: message ${max + 1} was not refused: ${JSON.stringify(ack)}`);
    }
    tabA.close();
    tabB.close();
  });

  await step('long-polling without a cookie sticks to one replica', async () => {
    const polling = new Client('polling', { transports: ['polling'], withCredentials: true });
    await polling.start('dave');
    // Each message is several HTTP requests (the send, the polls that bring the broadcast back):
    // without stickiness they would be spread over both replicas and the session lost.
    for (let i = 0; i < 3; i++) {
      const ack = await polling.send(`polling ${i}`);
      check(ack?.ok === true, `polling send ${i}: ${JSON.stringify(ack)}`);
      await polling.waitFor('message:new', (m) => m.id === ack.message.id);
      await onA.waitFor('message:new', (m) => m.id === ack.message.id);
      await onB.waitFor('message:new', (m) => m.id === ack.message.id);
    }
    polling.close();
  });
  onA.close();
  onB.close();
  figures.images = imageFigures(['postgres', 'redis', 'proxy']);
  await step('down -v', () => composeLoud('down', '-v', '--remove-orphans'));
}

process.on('exit', (code) => code && console.error(`${label} exit ${code}`));
// A wait whose only pending work is an unreferenced socket must not let Node end the run as
// "nothing left to do" (exit 13, silently).
const keepAlive = setInterval(() => undefined, 60_000);
const started = Date.now();
try {
  await (mode === 'single' ? single() : scale());
  figures.totalSeconds = (Date.now() - started) / 1000;
  console.log(`${label} passed in ${figures.totalSeconds.toFixed(1)} s`);
} catch {
  process.exitCode = 1;
  try {
    compose('down', '-v', '--remove-orphans');
  } catch {
    // already reported; the caller cleans up too
  }
} finally {
  clearInterval(keepAlive);
  if (opts.figures) writeFileSync(opts.figures, `${JSON.stringify(figures, null, 2)}\n`);
  setTimeout(() => process.exit(), 100).unref();
}
