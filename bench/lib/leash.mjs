/**
 * Runs one command on a leash: forked by the bench with an IPC channel, it starts the command,
 * reports its pid, and stops it (SIGTERM, then SIGKILL after 3 s) when the bench goes away (the
 * channel closes, even on SIGKILL of the bench) or when the time limit passes. So a server the
 * bench started can never outlive it.
 *
 * Usage (by lib/proc.mjs): fork(leash.mjs, [maxSeconds, command, ...args], { cwd, env })
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

const [maxSeconds, command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let ending = false;

function end(signal, why) {
  if (why) console.error(`[leash] ${why}; sending ${signal} to ${command} (pid ${child.pid})`);
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  if (!ending) {
    ending = true;
    setTimeout(() => child.kill('SIGKILL'), 3000);
  }
}

child.on('error', (error) => {
  console.error(`[leash] could not start ${command}: ${error.message}`);
  process.exit(1);
});
child.on('spawn', () => process.connected && process.send({ pid: child.pid }));
// The leash exits as the command did (128 + n for signal n, like a shell).
child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
process.on('disconnect', () => end('SIGTERM', 'the bench went away'));
process.on('message', (message) => message?.signal && end(message.signal));
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => end('SIGTERM'));
setTimeout(() => end('SIGKILL', `time limit of ${maxSeconds} s reached`), Number(maxSeconds) * 1000);
