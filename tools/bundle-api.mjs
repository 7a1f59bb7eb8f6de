#!/usr/bin/env node
// Makes dist/apps/api a self-contained server: the webpack bundle (main.js, seed.js) with the
// package.json and pruned lockfile the build derives from what the bundle imports, and exactly
// those packages installed for production. The API's Dockerfile runs this; so does CI (docker/smoke.sh).
// Expects `npm run build` to have run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/apps/api');

function run(command, args, cwd = root) {
  console.log(`[bundle-api] ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(join(out, 'main.js'))) {
  console.error('[bundle-api] dist/apps/api/main.js is missing: run `npm run build` first');
  process.exit(1);
}
// npm 11 runs only approved install scripts: carry the workspace's approvals over to the bundle,
// so better-sqlite3 compiles its native addon here too.
const workspace = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bundle = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8'));
bundle.allowScripts = workspace.allowScripts;
writeFileSync(join(out, 'package.json'), `${JSON.stringify(bundle, null, 2)}\n`);
run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund'], out);
