/**
 * `--profile`: the API runs with V8's sampling profiler (`node --cpu-prof`), and the profile
 * is summarised over the measured window only (samples carry CLOCK_MONOTONIC timestamps in µs,
 * the clock of `process.hrtime`, so the bench's marks select them). Self time is grouped by
 * package (node_modules/<pkg>), the app's own bundle, Node internals and V8 (GC, idle).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Now on the profiler's clock (µs, CLOCK_MONOTONIC). */
export function monotonicUs() {
  return Number(process.hrtime.bigint() / 1000n);
}

/**
 * Summary of the main thread's .cpuprofile in `dir`, over [fromUs, toUs] when given. Node writes
 * one file per thread (`CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`); thread 0 is the
 * event loop, the others are workers such as the WAL checkpointer.
 */
export function summarizeProfileDir(dir, window = {}) {
  const files = readdirSync(dir).filter((file) => file.endsWith('.cpuprofile')).sort();
  const main = files.filter((file) => file.split('.').at(-3) === '0');
  const file = (main.length ? main : files).at(-1);
  if (!file) return null;
  return summarizeProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')), window, join(dir, file));
}

function summarizeProfile(profile, { fromUs = -Infinity, toUs = Infinity } = {}, file) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  let t = profile.startTime;
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (t < fromUs || t > toUs) continue;
    // Each sample stands for the time until the next one.
    const span = profile.timeDeltas[i + 1] ?? delta;
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + span);
    totalUs += span;
  }
  const byGroup = new Map();
  const byFunction = new Map();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id).callFrame;
    const group = groupOf(frame);
    byGroup.set(group, (byGroup.get(group) ?? 0) + us);
    const name = `${frame.functionName || '(anonymous)'} ${where(frame)}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  }
  const idleUs = byGroup.get('(idle)') ?? 0;
  const busyUs = totalUs - idleUs;
  const top = (map, n) =>
    [...map]
      .filter(([name]) => !name.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: us / 1000, pctOfBusy: busyUs > 0 ? (us / busyUs) * 100 : 0 }));
  return { file, windowMs: totalUs / 1000, busyMs: busyUs / 1000, groups: top(byGroup, 12), functions: top(byFunction, 15) };
}

/** The package (or Node, V8, the app's bundle) a profile frame's code belongs to. */
export function groupOf(frame) {
  const url = frame.url || '';
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module) return module[1];
  if (url.startsWith('node:')) return 'node internals';
  if (/main\.js$/.test(url)) return 'app (main.js)';
  return url;
}

/** A frame's file (inside node_modules, from the package on) and line, for naming it. */
export function where(frame) {
  const url = frame.url || '';
  if (!url) return '';
  const module = /node_modules\/(.*)$/.exec(url);
  const short = module ? module[1] : url.replace(/^.*\//, '');
  return `${short}:${frame.lineNumber + 1}`;
}

/** A markdown rendering of a summary, for notes and the console. */
export function profileMarkdown(title, summary) {
  if (!summary) return `${title}: no profile written`;
  const lines = [
    `**${title}** — ${summary.busyMs.toFixed(0)} ms busy of ${summary.windowMs.toFixed(0)} ms sampled`,
    '',
    '| self time by package | % of busy |',
    '| --- | --- |',
    ...summary.groups.map((g) => `| ${g.name} | ${g.pctOfBusy.toFixed(1)} |`),
    '',
    '| top functions (self) | % of busy |',
    '| --- | --- |',
    ...summary.functions.map((f) => `| \`${f.name.replace(/\|/g, '\\|')}\` | ${f.pctOfBusy.toFixed(1)} |`),
  ];
  return lines.join('\n');
}
