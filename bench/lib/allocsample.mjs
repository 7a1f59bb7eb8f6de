/**
 * `--alloc`: what a server (the API, the bare one) allocated over the measured window, from
 * lib/alloc-sample.cjs (V8's sampling heap profiler, started and stopped by SIGUSR2 at the
 * window's edges). Bytes are grouped by the package whose code allocated them and by function
 * (self: the frame on top when the object was made), as `--profile` groups CPU time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { groupOf, where } from './profile.mjs';

export const ALLOC_SAMPLE_PRELOAD = fileURLToPath(new URL('./alloc-sample.cjs', import.meta.url));
const MB = 1024 * 1024;

/** Node flags and environment that load the sampler into a server, writing to `path` (none for no path). */
export function allocSampleOptions(path) {
  return path ? { nodeArgs: ['--require', ALLOC_SAMPLE_PRELOAD], env: { BENCH_ALLOC_SAMPLE: path } } : { nodeArgs: [], env: {} };
}

/** Starts sampling in a process run with the preload, or stops it and has the profile written. */
export function toggleAllocSample(pid) {
  process.kill(pid, 'SIGUSR2');
}

/** The profile at `path` once the process has written it (null if it has not within `timeoutMs`). */
export async function readAllocSample(path, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (Date.now() > until) return null;
    await sleep(50);
  }
  // The file is written in one call; a read that catches it half-written tries again.
  for (;;) {
    try {
      return JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      if (Date.now() > until) throw error;
      await sleep(50);
    }
  }
}

/** Sampled bytes by package and by function (self), the largest first, and per message when `messages` is given. */
export function summarizeAllocations(profile, { messages = null, top = 15 } = {}) {
  const byGroup = new Map();
  const byFunction = new Map();
  let total = 0;
  const stack = [profile.head];
  while (stack.length > 0) {
    const node = stack.pop();
    stack.push(...node.children);
    if (node.selfSize === 0) continue;
    total += node.selfSize;
    const frame = node.callFrame;
    const group = groupOf(frame);
    byGroup.set(group, (byGroup.get(group) ?? 0) + node.selfSize);
    const name = `${frame.functionName || '(anonymous)'} ${where(frame)}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + node.selfSize);
  }
  const largest = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, bytes]) => ({ name, mb: bytes / MB, pct: total > 0 ? (bytes / total) * 100 : 0 }));
  return { totalMb: total / MB, messages, kbPerMessage: messages ? total / 1024 / messages : null, groups: largest(byGroup), functions: largest(byFunction) };
}

/** A markdown rendering of a summary, for notes and the console. */
export function allocMarkdown(title, summary) {
  if (!summary) return `${title}: no allocation profile written`;
  const perMessage = summary.kbPerMessage === null ? '' : `, about ${summary.kbPerMessage.toFixed(0)} KB per accepted message (${summary.messages})`;
  return [
    `**${title}**: ${summary.totalMb.toFixed(1)} MB sampled over the window${perMessage}`,
    '',
    '| allocated by package | MB | % |',
    '| --- | --- | --- |',
    ...summary.groups.map((g) => `| ${g.name} | ${g.mb.toFixed(1)} | ${g.pct.toFixed(1)} |`),
    '',
    '| top functions (self) | MB | % |',
    '| --- | --- | --- |',
    ...summary.functions.map((f) => `| \`${f.name.replace(/\|/g, '\\|')}\` | ${f.mb.toFixed(1)} | ${f.pct.toFixed(1)} |`),
  ].join('\n');
}
