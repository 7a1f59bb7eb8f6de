#!/usr/bin/env node
// Runs the sidecar with uvicorn from python-sidecar/.venv (created or updated first).
//
// Usage: node python-sidecar/scripts/serve.mjs [uvicorn args...], e.g. --reload --reload-dir app
// Host and port: $SIDECAR_HOST (127.0.0.1) and $SIDECAR_PORT (8000).
// SIGINT, SIGTERM and SIGHUP are passed to uvicorn, which shuts down gracefully; this script then
// exits with uvicorn's exit code.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { ensureVenv, exitOnSetupError, sidecarDir, venvPython } from './ensure-venv.mjs';

try {
  ensureVenv();
} catch (error) {
  exitOnSetupError(error);
}

const host = process.env.SIDECAR_HOST || '127.0.0.1';
const port = process.env.SIDECAR_PORT || '8000';
const args = ['-m', 'uvicorn', 'app.main:app', '--host', host, '--port', port, ...process.argv.slice(2)];

// uvicorn gets its own process group, so a Ctrl+C in the terminal reaches it once, through the
// handler below. Sent twice (by the terminal and by us), it would skip its graceful shutdown.
const child = spawn(venvPython, args, { cwd: sidecarDir, stdio: 'inherit', detached: process.platform !== 'win32' });

let sent = null;
const forward = { SIGINT: 'SIGINT', SIGTERM: 'SIGTERM', SIGHUP: 'SIGTERM' };
for (const [received, signal] of Object.entries(forward)) {
  process.on(received, () => {
    sent = signal;
    child.kill(signal);
  });
}
// Should this script die of an error, do not leave the server behind.
process.on('exit', () => child.exitCode === null && child.signalCode === null && child.kill('SIGTERM'));

child.on('error', (error) => {
  console.error(`[sidecar] could not start uvicorn: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (code !== null) process.exit(code);
  // After a graceful shutdown uvicorn re-raises the signal that stopped it: that is the clean stop
  // we asked for. Any other signal is reported the way a shell would (128 + its number).
  process.exit(signal === sent ? 0 : 128 + constants.signals[signal]);
});
