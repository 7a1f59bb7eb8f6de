#!/usr/bin/env node
// `npm start`: builds what is missing, then runs the sidecar and the API (which serves the built
// web app) together on http://localhost:$PORT. Ctrl-C or SIGTERM stops both; if one dies, so does the other.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
if (existsSync('.env')) process.loadEnvFile('.env');

const skipBuild = process.argv.includes('--no-build');
run('node', ['python-sidecar/scripts/ensure-venv.mjs']);
if (!skipBuild) run('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'web', '--outputStyle=static']);

const sidecarUrl = new URL(process.env.SIDECAR_URL || 'http://127.0.0.1:8000');
const children = [
  start('sidecar', 'node', ['python-sidecar/scripts/serve.mjs'], {
    SIDECAR_HOST: sidecarUrl.hostname,
    SIDECAR_PORT: sidecarUrl.port || '8000',
  }),
  start('api', 'node', ['dist/apps/api/main.js'], {}),
];

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(signal, 0));

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`[start] ${command} ${args.join(' ')} failed`);
    process.exit(result.status ?? 1);
  }
}

function start(name, command, args, env) {
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', (code, signal) => {
    child.exited = true;
    if (!stopping) {
      console.error(`[start] ${name} exited (${signal ?? code}); stopping the rest`);
      stopAll('SIGTERM', code || 1);
    } else if (children.every((c) => c.exited)) {
      process.exit(process.exitCode ?? 0);
    }
  });
  return child;
}

function stopAll(signal, exitCode) {
  if (stopping) return;
  stopping = true;
  process.exitCode = exitCode;
  for (const child of children) if (!child.exited) child.kill(signal);
  // Both handle SIGTERM within a few seconds; this is the backstop.
  setTimeout(() => {
    for (const child of children) if (!child.exited) child.kill('SIGKILL');
    process.exit(exitCode || 1);
  }, 10_000).unref();
}
