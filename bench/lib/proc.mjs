/**
 * Child processes of the bench. Servers we don't own (API, sidecar) run on a leash
 * (leash.mjs); our own Node scripts (generator, baseline server) are forked with an IPC
 * channel and end themselves when it closes. Every child is tracked and killed when the bench
 * exits, however it exits, and each has a hard time limit.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const LEASH = fileURLToPath(new URL('./leash.mjs', import.meta.url));
const OUTPUT_KEEP = 64 * 1024;
/** Running children: `{ child, pid }` (pid: the leashed command's own pid, once known). */
const live = new Set();
const atExit = new Set();

/** Registers cleanup to run (synchronously) when the bench exits, however it exits. */
export function onExit(fn) {
  atExit.add(fn);
  return () => atExit.delete(fn);
}

/**
 * Kills every child still running: the leashed commands themselves first (a SIGKILLed leash
 * could no longer stop its command), then the leashes and forked scripts; then the exit hooks.
 */
export function killAll() {
  for (const entry of live) {
    for (const target of [entry.pid, entry.child.pid]) {
      try {
        if (target) process.kill(target, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  live.clear();
  for (const fn of atExit) {
    try {
      fn();
    } catch {
      // best effort
    }
  }
  atExit.clear();
}
process.on('exit', killAll);
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(signal, () => {
    killAll();
    process.exit(code);
  });
}

function track(child) {
  const entry = { child, pid: null };
  live.add(entry);
  child.once('exit', () => live.delete(entry));
  const tail = { text: '' };
  const keep = (chunk) => {
    tail.text = (tail.text + chunk).slice(-OUTPUT_KEEP);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { output: () => tail.text, exited, entry };
}

/**
 * Starts `command args` on a leash. Resolves once it runs, with `{ pid, output(), exited, stop() }`;
 * `pid` is the command's own pid (for /proc sampling), not the leash's.
 */
export async function startLeashed({ name, command, args = [], cwd, env, maxSeconds }) {
  // The leash is plain Node: it needs none of the TypeScript loader the bench runs under.
  const leash = fork(LEASH, [String(maxSeconds), command, ...args], { cwd, env, execArgv: [], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const { output, exited, entry } = track(leash);
  const pid = await new Promise((resolve, reject) => {
    leash.on('message', (message) => message?.pid && resolve(message.pid));
    exited.then(() => reject(new Error(`${name} did not start:\n${output()}`)));
  });
  entry.pid = pid;
  return {
    name,
    pid,
    output,
    exited,
    alive: () => leash.exitCode === null && leash.signalCode === null,
    /** Signals the command, waits up to `graceMs` for it to end, then kills it (and the leash). */
    async stop(signal = 'SIGTERM', graceMs = 6000) {
      if (leash.exitCode === null && leash.signalCode === null && leash.connected) leash.send({ signal });
      const timer = setTimeout(() => {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone
        }
        leash.kill('SIGKILL');
      }, graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/**
 * Forks one of our own scripts with IPC; it must end itself when the channel closes. It runs
 * under the bench's own Node flags (the tsx loader, so it can import the workspace's libraries)
 * plus `execArgv`.
 */
export function forkScript(script, { name, args = [], env = process.env, execArgv = [] } = {}) {
  const child = fork(script, args, { env, execArgv: [...process.execArgv, ...execArgv], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const { output, exited } = track(child);
  return {
    name,
    child,
    pid: child.pid,
    output,
    exited,
    send: (message) => child.connected && child.send(message),
    /** Resolves with the first IPC message for which `test` is true (rejects if the child exits first). */
    next(test, timeoutMs) {
      return new Promise((resolve, reject) => {
        const onMessage = (message) => {
          if (!test(message)) return;
          cleanup();
          resolve(message);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`${name}: no expected message within ${timeoutMs} ms\n${output()}`));
        }, timeoutMs);
        const onExit = () => {
          cleanup();
          reject(new Error(`${name} exited early\n${output()}`));
        };
        const cleanup = () => {
          clearTimeout(timer);
          child.off('message', onMessage);
          child.off('exit', onExit);
        };
        child.on('message', onMessage);
        child.once('exit', onExit);
      });
    },
    async stop(graceMs = 5000) {
      if (child.exitCode === null && child.signalCode === null) {
        if (child.connected) child.disconnect();
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
