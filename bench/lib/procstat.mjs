/**
 * CPU and memory of processes and of the whole machine, read from /proc (Linux):
 * `/proc/<pid>/stat` utime+stime (all threads), `/proc/<pid>/status` VmRSS, `/proc/stat` for
 * the machine. CPU is given in % of one core over a window (200% = both cores of a 2-core box).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let clockTicks = 100;
try {
  clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // getconf missing: Linux's USER_HZ is 100 almost everywhere.
}

/** CPU seconds (user + system, every thread) a process has used, or null if it is gone. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses: the fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return null;
  }
}

/** Resident memory of a process in MiB, or null if it is gone. */
export function rssMiB(pid) {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** A point in time for `cpuPercent`: wall clock plus each process's CPU seconds. */
export function cpuMark(pids) {
  return { at: performance.now(), cpu: Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)])) };
}

/** % of one core each process used between two marks. */
export function cpuPercent(from, to) {
  const seconds = (to.at - from.at) / 1000;
  return Object.fromEntries(
    Object.keys(from.cpu).map((name) => {
      const a = from.cpu[name];
      const b = to.cpu[name];
      return [name, a === null || b === null || seconds <= 0 ? null : ((b - a) / seconds) * 100];
    }),
  );
}

/** Busy and total jiffies of the whole machine (all cores), from the first line of /proc/stat. */
export function machineTicks() {
  const [, ...numbers] = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait = 0, irq = 0, softirq = 0, steal = 0] = numbers.map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

/** % of the whole machine busy between two `machineTicks()` readings (100% = every core busy). */
export function machineBusyPercent(from, to) {
  const total = to.total - from.total;
  return total > 0 ? ((to.busy - from.busy) / total) * 100 : null;
}

/**
 * Samples RSS of some processes every `everyMs` until stopped; `stop()` returns
 * `{ [name]: { peak, last } }` in MiB.
 */
export function sampleRss(pids, everyMs = 500) {
  const peaks = Object.fromEntries(Object.keys(pids).map((name) => [name, { peak: null, last: null }]));
  const take = () => {
    for (const [name, pid] of Object.entries(pids)) {
      const rss = rssMiB(pid);
      if (rss === null) continue;
      peaks[name].last = rss;
      peaks[name].peak = Math.max(peaks[name].peak ?? 0, rss);
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return peaks;
    },
  };
}

/** CPU used by processes other than `ours` (% of one core): the machine's busy time minus ours. */
export function othersPercent(machineBusy, ours, cores) {
  if (machineBusy === null) return null;
  const sum = Object.values(ours).reduce((total, value) => total + (value ?? 0), 0);
  return Math.max(0, machineBusy * cores - sum);
}

/** Above this much CPU (% of one core) used by others during a window, the window was disturbed. */
export const DISTURBED_PERCENT = 25;
