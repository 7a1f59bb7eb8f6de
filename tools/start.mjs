#!/usr/bin/env node
// `npm start`: builds what is missing, then runs the sidecar and the API (which serves the built
// web app) together on http://localhost:$PORT. Ctrl-C or SIGTERM stops both; if one dies, so does the other.
// If this launcher is killed outright (SIGKILL), both notice that it is gone and stop too (see
// parent-watch.mjs); so does the launcher when `npm`, its own parent, is killed.
// A port held by another program stops the start with a message naming the port and the setting.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { onParentExit } from './parent-watch.mjs';
import { portIsFree, portTakenMessage } from './port-check.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
if (existsSync('.env')) process.loadEnvFile('.env');

const skipBuild = process.argv.includes('--no-build');
run('node', ['python-sidecar/scripts/ensure-venv.mjs']);
if (!skipBuild) run('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'web', '--outputStyle=static']);

const apiPort = process.env.PORT || '3000';
if (!(await portIsFree(apiPort))) {
  console.error(`[start] ${portTakenMessage(apiPort, 'all interfaces', 'PORT (in .env or the environment)')}`);
  process.exit(1);
}
const sidecarUrl = new URL(process.env.SIDECAR_URL || 'http://127.0.0.1:8000');
const exitWithParent = pathToFileURL(join(root, 'tools/exit-with-parent.mjs')).href;
const children = [
  // serve.mjs replaces a sidecar an earlier start left running, and checks the port.
  start('sidecar', 'node', ['python-sidecar/scripts/serve.mjs'], {
    SIDECAR_HOST: sidecarUrl.hostname,
    SIDECAR_PORT: sidecarUrl.port || '8000',
    SIDECAR_PORT_SETTING: 'SIDECAR_URL (in .env or the environment)',
  }),
  start('api', 'node', ['--import', exitWithParent, 'dist/apps/api/main.js'], {}),
];

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(signal, 0));
onParentExit(() => stopAll('SIGTERM', 1));

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
