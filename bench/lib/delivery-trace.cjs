/**
 * Preloaded into a server under the lobby or rate benchmark (`node --require`), only when
 * BENCH_DELIVERY_TRACE names a file: stamps, per `message:send`, when its frame reached the
 * server (the `ws` socket's 'message' event) and when the server first and last called
 * `socket.write` with a `message:new` frame carrying its clientMessageId; over that stretch,
 * from the frame to the first write, how much CPU the process used and how long its main thread
 * waited for a CPU; and when each of the process's garbage collections paused it. Written as one
 * JSON object `{ sends: { clientMessageId: [in, first, last, cpu, waited] }, gc: [[start, end],
 * …] }` when the process exits, in ms of the machine's monotonic clock (lib/trace-clock.cjs: one
 * clock for every process, see lib/deliverytrace.mjs). Set against the stretch's length, the two
 * tell work from waiting for a core: `cpu` is the whole process's, every thread's
 * (`process.cpuUsage()`; Linux's per-thread counters advance only at the scheduler's ticks and
 * switches, too coarse for a millisecond, and Node 20 reads no thread's own), `waited` is the main
 * thread's time runnable on a run queue (Linux only; 0 elsewhere).
 * It patches only `ws` and `net`, so it times the real API and the bare Socket.IO server alike,
 * without touching either's code. (CommonJS: it must patch the modules they require.)
 *
 * A broadcast writes one Buffer to every client (socket.io's pre-encoded frame, the API's framed
 * broadcast): a Buffer is read once, the first time it is written, and remembered with what it
 * carries. The bare server corks each client's socket, so there a write call queues the bytes and
 * the system call follows at uncork; "first" and "last" are the write calls either way.
 */
const file = process.env.BENCH_DELIVERY_TRACE;
if (file) {
  const { writeFileSync } = require('node:fs');
  const Module = require('node:module');
  const net = require('node:net');
  const { PerformanceObserver, performance } = require('node:perf_hooks');
  const { traceClockMs: now } = require('./trace-clock.cjs');

  /** Sends traced at most: the warm-up's and the window's, with room to spare. */
  const MAX_SENDS = 200_000;
  /** Collections recorded at most: a run's scavenges come every fraction of a second. */
  const MAX_GCS = 100_000;
  const CLIENT_MESSAGE_ID = /"clientMessageId":"([^"\\]{1,64})"/g;
  /** clientMessageId → [in, first write, last write, cpu, waited] (the last two: readings at in, until the first write). */
  const sends = new Map();
  const cpuMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const waitedMs = runQueueWaitMs();
  /** Each written Buffer → the sends its `message:new` frames carry (most carry none). */
  const carried = new WeakMap();

  const write = net.Socket.prototype.write;
  net.Socket.prototype.write = function tracedWrite(data, ...rest) {
    const started = now();
    let entries;
    if (Buffer.isBuffer(data)) {
      entries = carried.get(data);
      if (entries === undefined) {
        entries = firstWritten(data, started);
        carried.set(data, entries);
      }
    }
    const result = write.call(this, data, ...rest);
    if (entries !== undefined && entries.length > 0) {
      const ended = now();
      for (const entry of entries) entry[2] = ended;
    }
    return result;
  };

  /**
   * A Buffer's first write: the sends whose `message:new` it carries and that had none written
   * yet, stamped first written at `started`. Their stretch's CPU and wait are read here, before
   * the write: it wakes its reader, which may take this CPU as soon as the call returns.
   */
  function firstWritten(data, started) {
    if (data.length <= 16) return [];
    const text = data.latin1Slice(0, data.length);
    if (!text.includes('"message:new"')) return [];
    const entries = [];
    for (const [, id] of text.matchAll(CLIENT_MESSAGE_ID)) {
      const entry = sends.get(id);
      if (entry && entry[1] === null) entries.push(entry);
    }
    if (entries.length === 0) return entries;
    const cpu = cpuMs();
    const waited = waitedMs();
    for (const entry of entries) {
      entry[1] = started;
      entry[3] = cpu - entry[3];
      entry[4] = waited - entry[4];
    }
    return entries;
  }

  // A `gc` entry's startTime is on performance.now(), which counts from the process's start on
  // the same monotonic clock as the trace: one offset, read once (both clocks called once before,
  // so neither reading pays a first call's set-up), puts it on the trace's clock.
  const gcPauses = [];
  performance.now();
  now();
  const offset = (() => {
    const before = performance.now();
    const at = now();
    return at - (before + performance.now()) / 2;
  })();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (gcPauses.length < MAX_GCS) gcPauses.push([offset + entry.startTime, offset + entry.startTime + entry.duration]);
    }
  }).observe({ entryTypes: ['gc'] });

  const patched = new WeakSet();
  const load = Module._load;
  Module._load = function tracedLoad(request, ...rest) {
    const exports = load.call(this, request, ...rest);
    const WebSocket = request === 'ws' ? exports?.WebSocket : undefined;
    if (WebSocket && !patched.has(WebSocket)) {
      patched.add(WebSocket);
      const emit = WebSocket.prototype.emit;
      WebSocket.prototype.emit = function tracedEmit(event, data, ...args) {
        if (event === 'message' && sends.size < MAX_SENDS) {
          const at = now();
          const text = Buffer.isBuffer(data) ? data.latin1Slice(0, Math.min(data.length, 4096)) : String(data).slice(0, 4096);
          if (text.includes('"message:send"')) {
            const id = text.matchAll(CLIENT_MESSAGE_ID).next().value?.[1];
            if (id !== undefined && !sends.has(id)) sends.set(id, [at, null, null, cpuMs(), waitedMs()]);
          }
        }
        return emit.call(this, event, data, ...args);
      };
    }
    return exports;
  };

  process.on('exit', () => writeFileSync(file, JSON.stringify({ sends: Object.fromEntries(sends), gc: gcPauses })));
}

/**
 * A reader of how long, in ms, this process's main thread has waited on a run queue (runnable,
 * but another thread had the CPU): the second field of Linux's per-thread schedstat, which the
 * kernel adds to each time the thread gets a CPU back, so a reading taken while it runs counts
 * every wait before it. Elsewhere, 0 throughout.
 */
function runQueueWaitMs() {
  const { openSync, readSync } = require('node:fs');
  let fd;
  try {
    fd = openSync(`/proc/self/task/${process.pid}/schedstat`, 'r');
  } catch {
    return () => 0;
  }
  const buffer = Buffer.alloc(128);
  return () => {
    const text = buffer.latin1Slice(0, readSync(fd, buffer, 0, buffer.length, 0));
    return Number(text.split(' ')[1]) / 1e6;
  };
}
