// `npm start`'s process hygiene, with the real launcher, the built API and the real sidecar:
// a launcher killed with SIGKILL leaves nothing running; a sidecar an earlier start left behind is
// replaced; a port held by another program is left alone and named in the error, with its setting.
// Needs the API and the web app built (npm run build) and python-sidecar/.venv (the launcher
// makes it if missing). Run: node --test tools/test/
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'moodlobby-start-test-'));
const launched = [];
after(() => {
  for (const launcher of launched) if (launcher.exitCode === null) launcher.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

assert.ok(existsSync(join(root, 'dist/apps/api/main.js')), 'build the API first: npm run build');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** `node tools/start.mjs --no-build` on its own ports and database; output collected. */
function launch(apiPort, sidecarPort) {
  const launcher = spawn(process.execPath, ['tools/start.mjs', '--no-build'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(apiPort),
      SIDECAR_URL: `http://127.0.0.1:${sidecarPort}`,
      DATABASE_URL: `sqlite:${join(dataDir, `db-${apiPort}.sqlite`)}`,
      SESSION_SECRET: 'start-test-secret-0123456789',
      ADMIN_TOKEN: 'start-test-admin',
    },
  });
  launcher.output = '';
  for (const stream of [launcher.stdout, launcher.stderr]) stream.on('data', (chunk) => (launcher.output += chunk));
  launcher.exited = new Promise((resolve) => launcher.on('exit', (code) => resolve(code)));
  launched.push(launcher);
  return launcher;
}

async function answers(url) {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

async function until(what, timeoutMs, probe) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await sleep(200);
  }
  assert.fail(`${what} within ${timeoutMs / 1000} s`);
}

async function waitUp(launcher, apiPort, sidecarPort) {
  await until('both servers answer', 60_000, async () => {
    assert.equal(launcher.exitCode, null, `the launcher exited early:\n${launcher.output}`);
    return (await answers(`http://127.0.0.1:${apiPort}/health`)) && (await answers(`http://127.0.0.1:${sidecarPort}/health`));
  });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The uvicorn that serve.mjs started on this port, from its record. */
function uvicornPid(sidecarPort) {
  return JSON.parse(readFileSync(join(root, 'python-sidecar/.venv', `serve-${sidecarPort}.json`), 'utf8')).pid;
}

function parentOf(pid) {
  // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

test('a launcher killed with SIGKILL leaves neither the sidecar nor the API running', async () => {
  const [apiPort, sidecarPort] = [await freePort(), await freePort()];
  const launcher = launch(apiPort, sidecarPort);
  await waitUp(launcher, apiPort, sidecarPort);
  const uvicorn = uvicornPid(sidecarPort);

  launcher.kill('SIGKILL');
  await until('the API and the sidecar stop answering, uvicorn exits', 15_000, async () => {
    const apiUp = await answers(`http://127.0.0.1:${apiPort}/health`);
    const sidecarUp = await answers(`http://127.0.0.1:${sidecarPort}/health`);
    return !apiUp && !sidecarUp && !alive(uvicorn);
  });
  // And the ports are free again for the next start.
  const next = launch(apiPort, sidecarPort);
  await waitUp(next, apiPort, sidecarPort);
  next.kill('SIGTERM');
  assert.equal(await next.exited, 0);
});

test('the next start replaces a sidecar that an earlier one left running', async () => {
  const [apiPort, sidecarPort] = [await freePort(), await freePort()];
  const first = launch(apiPort, sidecarPort);
  await waitUp(first, apiPort, sidecarPort);
  const stale = uvicornPid(sidecarPort);
  // Kill serve.mjs outright: uvicorn is orphaned and keeps the port (the launcher then stops the API).
  process.kill(parentOf(stale), 'SIGKILL');
  await first.exited;
  assert.ok(alive(stale), 'uvicorn should have outlived serve.mjs for this test to mean anything');
  assert.ok(await answers(`http://127.0.0.1:${sidecarPort}/health`));

  const second = launch(apiPort, sidecarPort);
  await waitUp(second, apiPort, sidecarPort);
  assert.equal(alive(stale), false, 'the stale uvicorn is still running');
  assert.notEqual(uvicornPid(sidecarPort), stale);
  assert.match(second.output, /stopping the sidecar left running on port \d+ by an earlier start/);
  second.kill('SIGTERM');
  assert.equal(await second.exited, 0);
});

for (const held of ['sidecar', 'api']) {
  test(`a ${held} port held by another program: left alone, named in the error with its setting`, async () => {
    const [apiPort, sidecarPort] = [await freePort(), await freePort()];
    const port = held === 'api' ? apiPort : sidecarPort;
    const other = createServer((socket) => socket.end('not moodlobby\n'));
    await new Promise((resolve) => other.listen(port, '127.0.0.1', resolve));
    try {
      const launcher = launch(apiPort, sidecarPort);
      const code = await Promise.race([launcher.exited, sleep(60_000).then(() => 'still running')]);
      assert.notEqual(code, 0, `the launcher should fail:\n${launcher.output}`);
      assert.notEqual(code, 'still running');
      assert.match(launcher.output, new RegExp(`port ${port} .*is in use by another program`));
      assert.match(launcher.output, held === 'api' ? /set PORT / : /set SIDECAR_URL /);
      assert.ok(other.listening, 'the other program was stopped');
      assert.equal(await answers(`http://127.0.0.1:${held === 'api' ? sidecarPort : apiPort}/health`), false, 'something was left running');
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });
}
