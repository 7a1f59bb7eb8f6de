/**
 * The machine a run is on and how busy it is. Every benchmark records the 1-minute load
 * average before and after it; `waitForQuiet` holds a run until the load falls below a limit
 * (another job, e.g. an e2e suite, may share the machine).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { machineBusyPercent, machineTicks } from './procstat.mjs';

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model?.trim() || 'unknown',
    cores: cpus.length,
    cpuMHz: cpus[0]?.speed || null,
    cpus: cpus.map((cpu) => ({ model: cpu.model, speed: cpu.speed })),
    ramGiB: os.totalmem() / 2 ** 30,
    freeRamGiB: os.freemem() / 2 ** 30,
    node: process.version,
    os: `${osName()} (${os.type()} ${os.release()}, ${os.arch()})`,
  };
}

function osName() {
  try {
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os.type();
  } catch {
    return os.type();
  }
}

export function describeMachine(m) {
  return `${m.cpuModel}, ${m.cores} cores${m.cpuMHz ? ` @ ${m.cpuMHz} MHz` : ''}, ${m.ramGiB.toFixed(1)} GiB RAM, Node ${m.node}, ${m.os}`;
}

export function cores() {
  return os.cpus().length;
}

/**
 * `--pin`: the cores each side of a run gets, the load generator the last one and the server
 * under test the rest, so that waking the generator never puts it on the server's core. Null
 * on a single core.
 */
export function pinPlan(count = cores()) {
  if (count < 2) return null;
  return { server: count === 2 ? '0' : `0-${count - 2}`, generator: String(count - 1) };
}

/** Pins every thread of `pid` to `cpuList` (taskset's list syntax, e.g. "0" or "0-2"). */
export function pinToCores(pid, cpuList) {
  execFileSync('taskset', ['--all-tasks', '--pid', '--cpu-list', cpuList, String(pid)], { stdio: 'ignore' });
}

export function load1() {
  return os.loadavg()[0];
}

/** Whole-machine CPU busy % over a short sample: what runs right now, unlike the decaying load average. */
export async function busyNow(ms = 1000) {
  const from = machineTicks();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return machineBusyPercent(from, machineTicks());
}

/**
 * Waits (polling every 5 s, at most `maxWaitS`) until the 1-minute load average is below
 * `maxLoad`. Returns `{ load, waitedS, quiet }`: quiet is false when it gave up.
 */
export async function waitForQuiet({ maxLoad, maxWaitS, log }) {
  const started = Date.now();
  let load = load1();
  let told = false;
  while (load >= maxLoad && (Date.now() - started) / 1000 < maxWaitS) {
    if (!told) {
      log(`load average ${load.toFixed(2)} ≥ ${maxLoad}: waiting up to ${maxWaitS} s for a quiet machine${busiest()}`);
      told = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 5000));
    load = load1();
  }
  const waitedS = (Date.now() - started) / 1000;
  if (told) log(load < maxLoad ? `load average ${load.toFixed(2)} after ${waitedS.toFixed(0)} s` : `still ${load.toFixed(2)} after ${waitedS.toFixed(0)} s; running anyway (flagged)`);
  return { load, waitedS, quiet: load < maxLoad };
}

/** The processes using the most CPU right now, for the log (best effort). */
function busiest() {
  try {
    const lines = execFileSync('ps', ['-eo', 'pcpu,comm', '--sort=-pcpu', '--no-headers'], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .slice(0, 3);
    return lines.length ? ` (busiest: ${lines.join(', ')})` : '';
  } catch {
    return '';
  }
}
