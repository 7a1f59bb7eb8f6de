// --alloc's parts, with a real process: a child run with the preload (lib/alloc-sample.cjs)
// allocates in one function only between the two SIGUSR2 that open and close the window, and in
// another only before it; summarizeAllocations must find the first and not the second.
// Run: node --test bench/test/
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { allocMarkdown, allocSampleOptions, readAllocSample, summarizeAllocations, toggleAllocSample } from '../lib/allocsample.mjs';

const dir = mkdtempSync(join(tmpdir(), 'moodlobby-alloc-sample-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Allocates in `beforeTheWindow` until told `open` on stdin, then in `insideTheWindow` until
 * told `close`; it keeps nothing, so every byte sampled was collected again (the sampler must keep
 * collected objects). Prints `ready` once each phase runs.
 */
const CHILD = `
  let phase = 'before';
  const sink = [];
  function beforeTheWindow() { for (let i = 0; i < 2000; i++) sink.push({ before: i, s: 'b'.repeat(64) + i }); sink.length = 0; }
  function insideTheWindow() { for (let i = 0; i < 2000; i++) sink.push({ inside: i, s: 'i'.repeat(64) + i }); sink.length = 0; }
  const tick = () => { (phase === 'before' ? beforeTheWindow : insideTheWindow)(); setImmediate(tick); };
  tick();
  process.stdin.on('data', (chunk) => { phase = String(chunk).trim(); console.log('ready ' + phase); });
  console.log('ready before');
`;

function lines(child) {
  const seen = [];
  const waiters = [];
  child.stdout.on('data', (chunk) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) {
      seen.push(line);
      for (const w of waiters.splice(0)) w();
    }
  });
  return async (line) => {
    while (!seen.includes(line)) await new Promise((resolve) => waiters.push(resolve));
  };
}

test('the preload samples what the window allocated, collected objects included, and nothing before it', async () => {
  const path = join(dir, 'window.heapprofile');
  const { nodeArgs, env } = allocSampleOptions(path);
  const child = spawn(process.execPath, [...nodeArgs, '-e', CHILD], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const said = lines(child);
  try {
    await said('ready before');
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.stdin.write('inside\n');
    await said('ready inside');
    toggleAllocSample(child.pid);
    await new Promise((resolve) => setTimeout(resolve, 500));
    toggleAllocSample(child.pid);
    const profile = await readAllocSample(path);
    assert.ok(profile, 'the profile was written after the second signal');

    const summary = summarizeAllocations(profile, { messages: 100 });
    const inside = summary.functions.find((f) => f.name.startsWith('insideTheWindow'));
    const before = summary.functions.find((f) => f.name.startsWith('beforeTheWindow'));
    assert.ok(inside, `insideTheWindow is among the top allocators: ${summary.functions.map((f) => f.name).join('; ')}`);
    assert.equal(before, undefined, 'nothing allocated before the window was sampled');
    // The child keeps nothing it allocates: megabytes sampled means collected objects were kept.
    assert.ok(summary.totalMb > 1, `sampled ${summary.totalMb} MB`);
    assert.equal(summary.kbPerMessage, (summary.totalMb * 1024) / 100);
    const markdown = allocMarkdown('window', summary);
    assert.match(markdown, /\| `insideTheWindow [^`]*` \| \d+\.\d \| \d+\.\d \|/);
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
});

test('without a path the options load nothing', () => {
  assert.deepEqual(allocSampleOptions(null), { nodeArgs: [], env: {} });
});
