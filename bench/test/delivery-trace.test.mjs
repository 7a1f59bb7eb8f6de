// --trace-delivery's parts, with real processes: a Socket.IO server started with the preload
// (lib/delivery-trace.cjs) records when each message:send frame arrived and when its message:new
// was first and last written; deliveryStages joins that with the sends. Run: node --test bench/test/
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { io } from 'socket.io-client';
import { deliveryStages, deliveryTraceOptions, pausedWithin, readDeliveryTrace, traceClockMs } from '../lib/deliverytrace.mjs';
import { pinToCores } from '../lib/machine.mjs';

const dir = mkdtempSync(join(tmpdir(), 'moodlobby-delivery-trace-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** For the child scripts below: `spin()` works until the process has used SPIN_CPU_MS of CPU. */
const SPIN_CPU_MS = 20;
const SPIN = `
  const spin = () => {
    const cpuMs = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1000; };
    for (const from = cpuMs(); cpuMs() - from < ${SPIN_CPU_MS}; );
  };
`;

/**
 * A server that broadcasts each message:send as message:new (one io.emit, as the bare server does)
 * and acks it; before broadcasting a send whose text is "spin", it spins.
 */
const SERVER = `
  const { Server } = require('socket.io');
  const server = new Server(0);
  ${SPIN}
  server.on('connection', (socket) => socket.on('message:send', (payload, ack) => {
    if (payload.text === 'spin') spin();
    server.emit('message:new', { id: 'id-' + payload.clientMessageId, text: payload.text, clientMessageId: payload.clientMessageId });
    ack({ ok: true });
  }));
  server.httpServer.on('listening', () => console.log(server.httpServer.address().port));
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
`;

/** Starts SERVER under the trace's preload; `preloads` are required before it, so the trace wraps what they patch. */
function startServer(tracePath, preloads = []) {
  const { nodeArgs, env } = deliveryTraceOptions(tracePath);
  const required = preloads.flatMap((path) => ['--require', path]);
  const child = spawn(process.execPath, [...required, ...nodeArgs, '-e', SERVER], { cwd: process.cwd(), env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  const port = new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim())));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return { pid: child.pid, port, stop: () => (child.stdin.end(), exited) };
}

function connect(port) {
  const socket = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

test('the preload stamps each send in, first write and last write, in that order, for every client', async () => {
  const tracePath = join(dir, 'trace.json');
  const server = startServer(tracePath);
  const arrivals = new Map();
  const delivered = () => [...arrivals.values()].reduce((n, seen) => n + seen.length, 0);
  const sends = [];
  const clients = [];
  try {
    const port = await server.port;
    // Each socket joins `clients` as it connects, so one that fails leaves none open behind it.
    await Promise.all([1, 2, 3].map(() => connect(port).then((client) => clients.push(client))));
    for (const client of clients) {
      client.on('message:new', (message) => {
        const seen = arrivals.get(message.clientMessageId) ?? [];
        seen.push(traceClockMs());
        arrivals.set(message.clientMessageId, seen);
      });
    }
    for (const [clientMessageId, text] of [
      ['trace-a', 'hello'],
      ['trace-b', 'spin'],
    ]) {
      const sentAt = traceClockMs();
      await clients[0].timeout(5000).emitWithAck('message:send', { text, clientMessageId });
      sends.push([clientMessageId, sentAt]);
    }
    for (const deadline = Date.now() + 5000; delivered() < 6 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 10));
  } finally {
    // Open sockets or a live server would keep this file's process, and node --test, from ending.
    for (const client of clients) client.disconnect();
    await server.stop();
  }
  assert.equal(delivered(), 6, 'each of the 3 clients got both messages');

  const trace = readDeliveryTrace(tracePath);
  assert.deepEqual(Object.keys(trace.sends).sort(), ['trace-a', 'trace-b']);
  for (const [id, sentAt] of sends) {
    const [arrived, first, last] = trace.sends[id];
    assert.ok(sentAt <= arrived, `${id}: sent before it arrived`);
    assert.ok(arrived <= first && first <= last, `${id}: arrived ≤ first write ≤ last write`);
    const seen = arrivals.get(id);
    assert.equal(seen.length, 3);
    assert.ok(first <= Math.min(...seen), `${id}: written before any client had it`);
  }
  // The CPU is the process's between the frame and the first write: for b, the spin's 20 ms and
  // not much more than the stretch lasted (other threads may run meanwhile); for a, little (a
  // cumulative reading would carry the process's start-up).
  const cpu = (id) => trace.sends[id][3];
  const stretch = (id) => trace.sends[id][1] - trace.sends[id][0];
  assert.ok(cpu('trace-b') >= SPIN_CPU_MS && cpu('trace-b') <= stretch('trace-b') + 10, `b: ${cpu('trace-b')} ms of CPU in ${stretch('trace-b')} ms`);
  assert.ok(cpu('trace-a') >= 0 && cpu('trace-a') < SPIN_CPU_MS, `a: ${cpu('trace-a')} ms of CPU`);
  // The wait is the main thread's time on a run queue, not its time on a CPU (schedstat's next
  // field, which the spin would fill): on a machine with a core to spare, a small part of b's.
  const waited = (id) => trace.sends[id][4];
  assert.ok(waited('trace-b') >= 0 && waited('trace-b') < SPIN_CPU_MS / 2, `b waited ${waited('trace-b')} ms for a CPU`);

  const stages = deliveryStages(
    trace,
    sends.map(([id, sentAt]) => [id, sentAt, Math.min(...arrivals.get(id)) - sentAt, Math.max(...arrivals.get(id)) - sentAt]),
  );
  assert.equal(stages.traced, 2);
  assert.equal(stages.all.toServer.n, 2);
  assert.ok(stages.all.fanOut.p50 >= 0);
  assert.ok(stages.all.lastClient.max >= stages.all.firstClient.max);
});

test('the stretch\'s CPU is read before the first write, not after it', async () => {
  // Whatever the first write costs is not the stretch's: on a loopback socket the write wakes
  // its reader, which may take the CPU as soon as the call returns. Here the write itself works
  // for 20 ms of CPU (a preload wrapped before the trace's, so the trace wraps it): read after
  // the write, the send's CPU would carry those 20 ms.
  const slowWrite = join(dir, 'slow-write.cjs');
  writeFileSync(
    slowWrite,
    `const net = require('node:net');
    const write = net.Socket.prototype.write;
    ${SPIN}
    net.Socket.prototype.write = function slowWrite(data, ...rest) {
      if (Buffer.isBuffer(data) && data.includes('"slow-write"')) spin();
      return write.call(this, data, ...rest);
    };`,
  );
  const tracePath = join(dir, 'slow-write-trace.json');
  const server = startServer(tracePath, [slowWrite]);
  let client;
  try {
    client = await connect(await server.port);
    const delivered = new Promise((resolve) => client.once('message:new', resolve));
    await client.timeout(5000).emitWithAck('message:send', { text: 'slow-write', clientMessageId: 'trace-slow' });
    await delivered;
  } finally {
    client?.disconnect();
    await server.stop();
  }
  const [, first, last, cpu] = readDeliveryTrace(tracePath).sends['trace-slow'];
  // Its CPU may pass its wall time (other threads run too), so half of it is proof enough that
  // the write worked between the stamps: a plain write takes microseconds.
  assert.ok(last - first >= SPIN_CPU_MS / 2, `the write worked inside the trace's stamps: ${last - first} ms`);
  assert.ok(cpu >= 0 && cpu < SPIN_CPU_MS, `the stretch's CPU leaves out the write's: ${cpu} ms`);
});

test('the wait is the main thread\'s time on a run queue: a busy neighbour on its one core shows in it', async () => {
  // The server and a process that only spins share one core, so while the server's main thread
  // spins for a send it waits for that core about as long as it runs. A reader that stayed at 0
  // (as off Linux), or that missed the waits in the stretch, fails this; the first test fails
  // one that read the time on a CPU instead.
  const tracePath = join(dir, 'contended-trace.json');
  const server = startServer(tracePath);
  const hog = spawn(process.execPath, ['-e', 'for (const end = Date.now() + 20_000; Date.now() < end; );'], { stdio: 'ignore' });
  const hogSpawned = new Promise((resolve) => hog.once('spawn', resolve));
  const hogExited = new Promise((resolve) => hog.once('exit', resolve));
  let client;
  try {
    const port = await server.port;
    await hogSpawned;
    pinToCores(server.pid, '0');
    pinToCores(hog.pid, '0');
    client = await connect(port);
    await client.timeout(5000).emitWithAck('message:send', { text: 'spin', clientMessageId: 'trace-contended' });
  } finally {
    client?.disconnect();
    hog.kill();
    await Promise.all([server.stop(), hogExited]);
  }
  const [arrived, first, , cpu, waited] = readDeliveryTrace(tracePath).sends['trace-contended'];
  assert.ok(cpu >= SPIN_CPU_MS, `the send spun: ${cpu} ms of CPU`);
  assert.ok(waited >= SPIN_CPU_MS / 4, `the main thread waited ${waited} ms for its core in a ${first - arrived} ms stretch`);
  assert.ok(waited <= first - arrived, `no more than the stretch: ${waited} of ${first - arrived} ms`);
});

test('the trace clock reads the same instant alike in two processes', { timeout: 10_000 }, async () => {
  // The stages from send to server and from server to client subtract one process's stamp from
  // another's: a child answers each ping with its reading, which must fall between ours before
  // the ping and after the answer. A per-process clock (timeOrigin + now) fails this whenever a
  // process's start was preempted or the wall clock moved between two starts; a shared one cannot.
  const child = spawn(process.execPath, ['--input-type=module', '-e', `
    import { traceClockMs } from ${JSON.stringify(new URL('../lib/deliverytrace.mjs', import.meta.url).href)};
    process.stdin.on('data', () => process.stdout.write(traceClockMs() + '\\n'));
  `], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const pairs = [];
  try {
    for (let i = 0; i < 30; i++) {
      const before = traceClockMs();
      const reading = new Promise((resolve) => child.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim()))));
      child.stdin.write('?');
      const theirs = await reading;
      pairs.push({ before, theirs, after: traceClockMs() });
    }
  } finally {
    child.stdin.end();
    await exited;
  }
  for (const { before, theirs, after } of pairs) {
    assert.ok(Number.isFinite(theirs), 'the child answered with a number');
    assert.ok(before <= theirs && theirs <= after, `the child's reading ${theirs} falls between ours, ${before} and ${after}`);
  }
  // The stages are fractions of a millisecond: a whole-millisecond clock (Date.now()) is shared
  // too, and would pass the check above while telling them apart from nothing.
  assert.ok(
    pairs.some(({ theirs }) => !Number.isInteger(theirs)),
    'the clock resolves below a millisecond',
  );
});

test('the preload records the server\'s garbage collections on the trace clock', async () => {
  // A server that collects twice on request (--expose-gc), between two readings of the clock.
  const tracePath = join(dir, 'gc-trace.json');
  const { nodeArgs, env } = deliveryTraceOptions(tracePath);
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--expose-gc', '-e', `
      const { traceClockMs } = require(${JSON.stringify(fileURLToPath(new URL('../lib/trace-clock.cjs', import.meta.url)))});
      const before = traceClockMs();
      gc(); gc();
      const after = traceClockMs();
      // The observer hears of the collections after this turn; exit once it has.
      setTimeout(() => { console.log(JSON.stringify([before, after])); process.exit(0); }, 50);
    `],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  await new Promise((resolve) => child.once('exit', resolve));
  const [before, after] = JSON.parse(out);
  const { gc } = readDeliveryTrace(tracePath);
  // The two clocks are lined up once, to within a few microseconds: allow a tenth of a millisecond.
  const inside = gc.filter(([start, end]) => start >= before - 0.1 && end <= after + 0.1 && end > start);
  assert.ok(inside.length >= 2, `two collections between ${before} and ${after}, got ${JSON.stringify(gc)}`);
});

test('pausedWithin sums only the part of each pause inside the span', () => {
  const pauses = [
    [1, 2],
    [4, 6],
    [9, 10],
  ];
  assert.equal(pausedWithin(pauses, 0, 11), 4);
  assert.equal(pausedWithin(pauses, 5, 9.5), 1.5);
  assert.equal(pausedWithin(pauses, 2, 4), 0);
  assert.equal(pausedWithin([], 0, 10), 0);
});

test('deliveryStages leaves out sends the server never wrote and splits the rest into stages', () => {
  const trace = { sends: { a: [100, 101, 103, 0.9, 0], b: [200, null, null, 50, 0], c: [300, 302, 306, 1.8, 0.7] }, gc: [[301, 301.5]] };
  const sends = [
    ['a', 99.5, 2, 5],
    ['b', 199, null, null],
    ['c', 299, 4, 9],
    ['d', 400, 1, 1],
  ];
  const { all, tail, traced } = deliveryStages(trace, sends);
  assert.equal(traced, 2);
  assert.deepEqual([all.toServer.p50, all.toServer.max], [0.5, 1]);
  assert.deepEqual([all.inServer.p50, all.inServer.max], [1, 2]);
  // c's collection fell between its frame and its first write; a's stretch saw none.
  assert.deepEqual([all.gcInServer.p50, all.gcInServer.max], [0, 0.5]);
  assert.deepEqual([all.cpuInServer.p50, all.cpuInServer.max], [0.9, 1.8]);
  assert.deepEqual([all.waitInServer.p50, all.waitInServer.max], [0, 0.7]);
  assert.deepEqual([all.fanOut.p50, all.fanOut.max], [2, 4]);
  // The slowest 1 % by last arrival: of two messages, the slower one (c).
  assert.deepEqual([tail.lastClient.n, tail.lastClient.mean, tail.inServer.mean], [1, 9, 2]);
});
