#!/usr/bin/env node
// Makes dist/apps/api a self-contained server: the webpack bundle (main.js, seed.js) with the
// package.json and pruned lockfile the build derives from what the bundle imports, and exactly
// those packages installed for production. The API's Dockerfile runs this. Expects `npm run build`
// to have run.
//
// Usage: node tools/bundle-api.mjs [--ignore-scripts]
//   --ignore-scripts: install without running install scripts, so no native addon is compiled
//   (the Dockerfile compiles better-sqlite3's for the target platform in a stage of its own).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/apps/api');
const ignoreScripts = process.argv.includes('--ignore-scripts');

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
// so better-sqlite3 compiles its native addon here too (unless --ignore-scripts).
const workspace = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bundle = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8'));
bundle.allowScripts = workspace.allowScripts;
writeFileSync(join(out, 'package.json'), `${JSON.stringify(bundle, null, 2)}\n`);
run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', ...(ignoreScripts ? ['--ignore-scripts'] : [])], out);
