#!/usr/bin/env node
// Runs the sidecar with uvicorn from python-sidecar/.venv (created or updated first).
//
// Usage: node python-sidecar/scripts/serve.mjs [uvicorn args...], e.g. --reload --reload-dir app
// Host and port: $SIDECAR_HOST (127.0.0.1) and $SIDECAR_PORT (8000).
// SIGINT, SIGTERM and SIGHUP are passed to uvicorn, which shuts down gracefully; this script then
// exits with uvicorn's exit code. So does the death of the process that started this one (see
// tools/parent-watch.mjs).
//
// The port: a uvicorn this script started earlier and that outlived it (the script was killed
// with SIGKILL) is stopped and replaced; it is known by the record this script keeps of the
// servers it starts (.venv/serve-<port>.json: pid and start time). A port held by anything else is
// left alone: the script exits 1 and names the port and the setting to change.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { onParentExit } from '../../tools/parent-watch.mjs';
import { portIsFree, portTakenMessage } from '../../tools/port-check.mjs';
import { ensureVenv, exitOnSetupError, sidecarDir, venvPython } from './ensure-venv.mjs';

try {
  ensureVenv();
} catch (error) {
  exitOnSetupError(error);
}

const host = process.env.SIDECAR_HOST || '127.0.0.1';
const port = process.env.SIDECAR_PORT || '8000';
// What to tell a user whose port is taken (npm start derives SIDECAR_PORT from SIDECAR_URL).
const portSetting = process.env.SIDECAR_PORT_SETTING || 'SIDECAR_PORT';
const record = join(sidecarDir, '.venv', `serve-${port}.json`);
const args = ['-m', 'uvicorn', 'app.main:app', '--host', host, '--port', port, ...process.argv.slice(2)];

await replaceOwnStaleServer();
if (!(await portIsFree(port, host))) {
  console.error(`[sidecar] ${portTakenMessage(port, host, portSetting)}`);
  process.exit(1);
}

// uvicorn gets its own process group, so a Ctrl+C in the terminal reaches it once, through the
// handler below. Sent twice (by the terminal and by us), it would skip its graceful shutdown.
const child = spawn(venvPython, args, { cwd: sidecarDir, stdio: 'inherit', detached: process.platform !== 'win32' });
if (child.pid) writeFileSync(record, `${JSON.stringify({ pid: child.pid, started: startTimeOf(child.pid) })}\n`);

let sent = null;
const forward = { SIGINT: 'SIGINT', SIGTERM: 'SIGTERM', SIGHUP: 'SIGTERM' };
for (const [received, signal] of Object.entries(forward)) {
  process.on(received, () => stop(signal));
}
onParentExit(() => stop('SIGTERM'));
// Should this script die of an error, do not leave the server behind.
process.on('exit', () => child.exitCode === null && child.signalCode === null && child.kill('SIGTERM'));

child.on('error', (error) => {
  console.error(`[sidecar] could not start uvicorn: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  rmSync(record, { force: true });
  if (code !== null) process.exit(code);
  // After a graceful shutdown uvicorn re-raises the signal that stopped it: that is the clean stop
  // we asked for. Any other signal is reported the way a shell would (128 + its number).
  process.exit(signal === sent ? 0 : 128 + constants.signals[signal]);
});

function stop(signal) {
  sent = signal;
  child.kill(signal);
}

/** The process's start time as `ps` prints it, or null (no such process, or no `ps`). */
function startTimeOf(pid) {
  const ps = spawnSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8' });
  return ps.status === 0 && ps.stdout.trim() ? ps.stdout.trim() : null;
}

/** Stops a uvicorn this script started on this port before, if it is still running. */
async function replaceOwnStaleServer() {
  if (!existsSync(record)) return;
  let pid;
  let started;
  try {
    ({ pid, started } = JSON.parse(readFileSync(record, 'utf8')));
  } catch {
    rmSync(record, { force: true });
    return;
  }
  // The same pid with the same start time is the same process, not a later one that got the pid.
  if (!started || startTimeOf(pid) !== started) {
    rmSync(record, { force: true });
    return;
  }
  console.log(`[sidecar] stopping the sidecar left running on port ${port} by an earlier start (pid ${pid})`);
  for (const [signal, waitMs] of [['SIGTERM', 5000], ['SIGKILL', 2000]]) {
    try {
      process.kill(pid, signal);
    } catch {
      break; // already gone
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline && startTimeOf(pid) === started) await new Promise((resolve) => setTimeout(resolve, 100));
    if (startTimeOf(pid) !== started) break;
  }
  rmSync(record, { force: true });
}
