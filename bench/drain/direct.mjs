/**
 * The drain baseline: the same work sent straight to the sidecar, with no queue. `calls` HTTP
 * POSTs with `concurrency` in flight, from this process with Node's fetch (the client the
 * API's SidecarClient uses), each carrying one text (`/infer`) or `batchSize` texts
 * (`/infer/batch`).
 */
import { performance } from 'node:perf_hooks';
import { Samples } from '../lib/stats.mjs';

export function jobText(i) {
  return `bench job ${i}: the queue is long but the mood is fine`;
}

export async function directCalls({ url, path, jobs, concurrency, batchSize = 1 }) {
  const calls = Math.ceil(jobs / batchSize);
  const latency = new Samples(calls);
  let next = 0;
  let errors = 0;
  const body = (call) => {
    const first = call * batchSize;
    const items = [];
    for (let i = first; i < Math.min(jobs, first + batchSize); i++) {
      const messageId = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      items.push({ text: jobText(i), messageId, seed: messageId.slice(0, 8) });
    }
    return JSON.stringify(path === '/infer/batch' ? { items } : items[0]);
  };
  const lane = async () => {
    while (next < calls) {
      const call = next++;
      const started = performance.now();
      try {
        const response = await fetch(`${url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-moodlobby-instance': 'bench-direct' },
          body: body(call),
          signal: AbortSignal.timeout(3000),
        });
        await response.json();
        if (!response.ok) errors++;
      } catch {
        errors++;
      }
      latency.push(performance.now() - started);
    }
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {
    path,
    jobs,
    calls,
    concurrency,
    batchSize,
    seconds: ms / 1000,
    jobsPerSecond: jobs / (ms / 1000),
    errors,
    callLatency: latency.summary(),
    clientCpuPercent: ((cpu.user + cpu.system) / 1000 / ms) * 100,
  };
}
