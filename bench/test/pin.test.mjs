// --pin's parts: pinPlan splits the cores between the server and the load generator, and
// pinToCores moves every thread of a running process (a Node process has several). Run: node --test bench/test/
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { cores, pinPlan, pinToCores } from '../lib/machine.mjs';

/** Each thread's Cpus_allowed_list of `pid`. */
function allowedPerThread(pid) {
  return readdirSync(`/proc/${pid}/task`).map((tid) => /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8'))?.[1]);
}

test('pinPlan gives the generator the last core and the server the rest', () => {
  assert.equal(pinPlan(1), null);
  assert.deepEqual(pinPlan(2), { server: '0', generator: '1' });
  assert.deepEqual(pinPlan(8), { server: '0-6', generator: '7' });
});

test('pinToCores pins every thread of a running Node process', async () => {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await new Promise((resolve) => child.once('spawn', resolve));
    // Let Node start its helper threads, which the pin must reach as well.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const last = String(cores() - 1);
    pinToCores(child.pid, last);
    const threads = allowedPerThread(child.pid);
    assert.ok(threads.length > 1, `expected several threads, found ${threads.length}`);
    assert.deepEqual(new Set(threads), new Set([last]));
  } finally {
    child.kill();
    await exited;
  }
});
