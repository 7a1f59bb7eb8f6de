#!/usr/bin/env node
// Makes sure python-sidecar/.venv exists and has requirements-dev.txt installed.
//
// The venv is (re)installed when it is new or when requirements.txt / requirements-dev.txt changed
// since the last successful install (a sha256 of both is kept in .venv/.requirements.sha256).
// Otherwise it does nothing and prints nothing. The interpreter that creates the venv is
// $SIDECAR_PYTHON, or python3. To switch interpreters, delete .venv.
//
// Usage: node python-sidecar/scripts/ensure-venv.mjs   (or import { ensureVenv } from here)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const sidecarDir = dirname(dirname(fileURLToPath(import.meta.url)));
const venvDir = join(sidecarDir, '.venv');
export const venvPython =
  process.platform === 'win32' ? join(venvDir, 'Scripts', 'python.exe') : join(venvDir, 'bin', 'python');
const stampFile = join(venvDir, '.requirements.sha256');
const REQUIREMENT_FILES = ['requirements.txt', 'requirements-dev.txt'];
const MIN_PYTHON = { major: 3, minor: 11 };

/** A problem the user has to fix; its message says how. */
export class SetupError extends Error {}

export function ensureVenv() {
  const wanted = requirementsHash();
  const isNew = !existsSync(venvPython);
  if (!isNew && readStamp() === wanted) return;

  const where = relative(process.cwd(), venvDir) || '.venv';
  if (isNew) {
    const python = process.env.SIDECAR_PYTHON || 'python3';
    checkInterpreter(python);
    log(`creating ${where} with ${python}`);
    // --clear: a half-made or broken venv (say, its Python was uninstalled) is rebuilt from scratch.
    if (run(python, ['-m', 'venv', '--clear', venvDir]) !== 0) {
      throw new SetupError(
        `${python} -m venv failed (see above). On Debian/Ubuntu, install the python3-venv package.`,
      );
    }
  }
  log(`installing requirements-dev.txt into ${where} (${isNew ? 'new venv' : 'requirements changed'})`);
  const pipArgs = ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', '-r', 'requirements-dev.txt'];
  if (run(venvPython, pipArgs) !== 0) {
    throw new SetupError('pip install failed (see above); the next run will try again.');
  }
  writeFileSync(stampFile, `${wanted}\n`);
  log('venv ready');
}

function requirementsHash() {
  const hash = createHash('sha256');
  for (const name of REQUIREMENT_FILES) {
    hash.update(`${name}\0`).update(readFileSync(join(sidecarDir, name))).update('\0');
  }
  return hash.digest('hex');
}

function readStamp() {
  return existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : null;
}

function checkInterpreter(python) {
  const probe = spawnSync(python, ['-c', 'import sys; print(*sys.version_info[:2])'], { encoding: 'utf8' });
  if (probe.error?.code === 'ENOENT') {
    throw new SetupError(
      `${python} not found. Install Python ${MIN_PYTHON.major}.${MIN_PYTHON.minor}+ ` +
        'or set SIDECAR_PYTHON to the path of one.',
    );
  }
  if (probe.error || probe.status !== 0) {
    const why = probe.error?.message ?? (probe.stderr.trim() || `exit status ${probe.status}`);
    throw new SetupError(`${python} does not run: ${why}`);
  }
  const [major, minor] = probe.stdout.trim().split(' ').map(Number);
  if (major < MIN_PYTHON.major || (major === MIN_PYTHON.major && minor < MIN_PYTHON.minor)) {
    throw new SetupError(
      `${python} is Python ${major}.${minor}; the sidecar needs ${MIN_PYTHON.major}.${MIN_PYTHON.minor}+. ` +
        'Set SIDECAR_PYTHON to a newer interpreter.',
    );
  }
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: sidecarDir, stdio: 'inherit' });
  if (result.error) throw new SetupError(`could not run ${command}: ${result.error.message}`);
  return result.status;
}

function log(message) {
  console.log(`[sidecar] ${message}`);
}

/** For the scripts that use ensureVenv(): report a failure and exit non-zero. */
export function exitOnSetupError(error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(`[sidecar] ${error.message}`);
  process.exit(1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    ensureVenv();
  } catch (error) {
    exitOnSetupError(error);
  }
}
