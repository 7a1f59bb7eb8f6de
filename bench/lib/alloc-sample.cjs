/**
 * `--alloc`'s preload (node --require) for a server under test, the API or the bare one: V8's
 * sampling heap profiler over a window the bench marks with SIGUSR2. The first signal starts
 * sampling, the second stops it and writes the profile to BENCH_ALLOC_SAMPLE (a `.heapprofile`,
 * as Chrome's DevTools reads it). Objects that were collected meanwhile stay in it, so it shows
 * what the window allocated, not what survived. Without BENCH_ALLOC_SAMPLE it does nothing, and
 * the signal keeps its default (it ends the process).
 */
const { writeFileSync } = require('node:fs');
const { Session } = require('node:inspector');

const path = process.env.BENCH_ALLOC_SAMPLE;
/** One sample per this many bytes allocated, on average (V8's default is 32 KiB). */
const INTERVAL_BYTES = Number(process.env.BENCH_ALLOC_SAMPLE_INTERVAL ?? 16_384);

if (path) {
  const session = new Session();
  session.connect();
  const post = (method, params = {}) =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  let sampling = false;
  process.on('SIGUSR2', () => {
    const step = sampling
      ? post('HeapProfiler.stopSampling').then(({ profile }) => writeFileSync(path, JSON.stringify(profile)))
      : post('HeapProfiler.enable').then(() =>
          post('HeapProfiler.startSampling', { samplingInterval: INTERVAL_BYTES, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }),
        );
    sampling = !sampling;
    step.catch((error) => process.stderr.write(`alloc-sample: ${error.message}\n`));
  });
}
