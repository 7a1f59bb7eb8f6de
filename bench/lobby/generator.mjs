/**
 * The lobby load generator: a process of its own (forked by lobby/index.mjs with an IPC
 * channel), so the server's CPU and ours are measured apart. It opens `clients` Socket.IO
 * connections to 127.0.0.1, starts a session on each, then has `senders` of them send one
 * message every `intervalMs` for `durationMs`, and records, for every message, when it reached
 * every client (`message:new`) and when its mood did (`message:mood_updated`).
 *
 * Clock: performance.now() of this process, for both the send and every arrival, so latencies
 * are send → arrival as seen by one monotonic clock. A message is matched to its send by its
 * clientMessageId (message:new) and then by its id (mood updates).
 *
 * IPC: receives { type: 'config', … }, reports { type: 'connected' }; on { type: 'warm-up' }
 * sends the same stream for `warmUpMs` unrecorded and reports { type: 'warmed' }; waits for
 * { type: 'go' }, reports { type: 'load-end' } and then { type: 'result', … }. Exits when the
 * channel closes, on { type: 'close' }, or at the hard time limit.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import shared from '@moodlobby/shared';
import testing from '@moodlobby/testing';
import { io } from 'socket.io-client';
import { traceClockMs } from '../lib/deliverytrace.mjs';
import { Samples, summarize } from '../lib/stats.mjs';

const { ClientEvent, ServerEvent } = shared;
const { sleep } = testing;

const ACK_TIMEOUT_MS = 10_000;
const sockets = [];
const byClientId = new Map();
const byId = new Map();
const newLatency = new Samples(1 << 16);
const moodLatency = new Samples(1 << 16);
/** Send → the sender's own ack (accepted sends only). */
const ackLatency = new Samples(1 << 16);
const sendLateness = new Samples(1024);
const counters = { presenceEvents: 0, disconnects: 0, duplicatesNew: 0, duplicatesMood: 0, moodFailed: 0, foreignEvents: 0, rateLimitedEvents: 0 };
const rejected = {};
let config;
let measuring = false;
/** Messages sent during the warm-up: their deliveries are expected and not recorded. */
let warming = false;
let presenceFull = 0;

process.on('disconnect', () => process.exit(0));
process.on('message', (message) => {
  if (message?.type === 'config') void start(message);
  else if (message?.type === 'warm-up') void warmUp();
  else if (message?.type === 'go') void load();
  else if (message?.type === 'close') close();
});

function close() {
  for (const socket of sockets) socket.disconnect();
  process.exit(0);
}

function report(message) {
  if (process.connected) process.send(message);
}

function fail(error) {
  console.error(`[generator] ${error.stack ?? error}`);
  report({ type: 'error', error: String(error.message ?? error) });
  process.exit(1);
}

async function start(received) {
  config = received;
  setTimeout(() => fail(new Error(`hard time limit of ${config.hardLimitMs} ms reached`)), config.hardLimitMs).unref();
  try {
    const started = performance.now();
    for (let i = 0; i < config.clients; i += config.connectBatch) {
      const batch = [];
      for (let j = i; j < Math.min(config.clients, i + config.connectBatch); j++) batch.push(connect(j));
      await Promise.all(batch);
    }
    const connectedMs = performance.now() - started;
    // Every join is broadcast to everyone: wait until each client has seen the full list, so the
    // server's socket buffers are drained before anything is measured.
    const settleDeadline = performance.now() + config.settleTimeoutMs;
    while (presenceFull < config.clients && performance.now() < settleDeadline) await sleep(100);
    report({
      type: 'connected',
      clients: sockets.length,
      connectedMs,
      settledMs: performance.now() - started,
      presenceSettled: presenceFull >= config.clients,
      presenceEvents: counters.presenceEvents,
    });
  } catch (error) {
    fail(error);
  }
}

function connect(index) {
  const socket = io(config.url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 20_000 });
  sockets.push(socket);
  let sawFull = false;
  socket.on(ServerEvent.PresenceUpdate, (payload) => {
    counters.presenceEvents++;
    if (!sawFull && config.expectPresence && payload?.users?.length >= config.clients) {
      sawFull = true;
      presenceFull++;
    }
  });
  socket.on(ServerEvent.MessageNew, onMessageNew);
  socket.on(ServerEvent.MoodUpdated, onMoodUpdated);
  socket.on(ServerEvent.RateLimited, () => measuring && counters.rateLimitedEvents++);
  socket.on('disconnect', () => measuring && counters.disconnects++);
  return new Promise((resolve, reject) => {
    socket.once('connect_error', (error) => reject(new Error(`client ${index}: ${error.message}`)));
    socket.once('connect', () => {
      socket.timeout(30_000).emit(ClientEvent.SessionStart, { nickname: `bench-${index}` }, (error, ack) => {
        if (error) return reject(new Error(`client ${index}: no session:start ack within 30 s`));
        if (!ack?.ok) return reject(new Error(`client ${index}: session:start refused: ${JSON.stringify(ack)}`));
        if (!config.expectPresence && !sawFull) {
          sawFull = true;
          presenceFull++;
        }
        resolve();
      });
    });
  });
}

function onMessageNew(message) {
  const at = performance.now();
  const entry = byClientId.get(message?.clientMessageId);
  if (!entry) {
    if (!warming) counters.foreignEvents++;
    return;
  }
  const latency = at - entry.sentAt;
  newLatency.push(latency);
  entry.firstNew ??= latency;
  if (++entry.newCount > config.clients) counters.duplicatesNew++;
  entry.lastNew = latency;
  if (entry.id === null) {
    entry.id = message.id;
    byId.set(message.id, entry);
  }
}

function onMoodUpdated(update) {
  const at = performance.now();
  const entry = byId.get(update?.messageId);
  if (!entry) {
    if (!warming) counters.foreignEvents++;
    return;
  }
  const latency = at - entry.sentAt;
  moodLatency.push(latency);
  if (update.status === 'failed') counters.moodFailed++;
  if (++entry.moodCount > config.clients) counters.duplicatesMood++;
  entry.lastMood = latency;
}

/**
 * The measured stream's shape for `warmUpMs`, nothing recorded, then a second for the last
 * deliveries: the server is measured warm (its JIT compiles on V8's helper threads for the
 * first half minute or so of traffic, CPU that a long-running server does not pay per message).
 */
async function warmUp() {
  warming = true;
  const sends = [];
  for (let s = 0; s < config.senders; s++) {
    const phase = (s * config.intervalMs) / config.senders;
    for (let k = 0; phase + k * config.intervalMs < config.warmUpMs; k++) {
      const at = phase + k * config.intervalMs;
      sends.push(
        sleep(at).then(
          () =>
            new Promise((resolve) => {
              const payload = { text: `warm-up ${s}/${k}: how is everyone doing today?`, clientMessageId: `${config.label}-warm-${s}-${k}` };
              sockets[s].timeout(ACK_TIMEOUT_MS).emit(ClientEvent.MessageSend, payload, () => resolve());
            }),
        ),
      );
    }
  }
  await Promise.all(sends);
  await sleep(1000);
  warming = false;
  report({ type: 'warmed', messages: sends.length });
}

async function load() {
  measuring = true;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const pending = [];
  let ackTimeouts = 0;
  let okAcks = 0;

  // Sender s sends at t0 + s·(interval/senders) + k·interval (± jitter): an even stream of
  // senders/interval messages per second, each sender well inside the rate limit.
  for (let s = 0; s < config.senders; s++) {
    const socket = sockets[s];
    const phase = (s * config.intervalMs) / config.senders;
    for (let k = 0; phase + k * config.intervalMs < config.durationMs; k++) {
      const planned = phase + k * config.intervalMs + (Math.random() * 2 - 1) * config.jitterMs;
      const at = Math.max(0, planned);
      pending.push(
        new Promise((resolve) => {
          setTimeout(() => {
            const clientMessageId = `${config.label}-${s}-${k}`;
            const entry = { sentAt: performance.now(), id: null, newCount: 0, moodCount: 0, firstNew: null, lastNew: null, lastMood: null, ok: false };
            sendLateness.push(entry.sentAt - t0 - at);
            byClientId.set(clientMessageId, entry);
            socket.timeout(ACK_TIMEOUT_MS).emit(ClientEvent.MessageSend, { text: `bench ${s}/${k}: how is everyone doing today?`, clientMessageId }, (error, ack) => {
              if (error) ackTimeouts++;
              else if (ack?.ok) {
                ackLatency.push(performance.now() - entry.sentAt);
                entry.ok = true;
                okAcks++;
                if (entry.id === null) {
                  entry.id = ack.message.id;
                  byId.set(entry.id, entry);
                }
              } else rejected[ack?.error ?? 'unknown'] = (rejected[ack?.error ?? 'unknown'] ?? 0) + 1;
              resolve();
            });
          }, at);
        }),
      );
    }
  }
  await Promise.all(pending);
  const lastSendAt = performance.now();

  // Drain: until every accepted message reached every client, with its mood, or time is up.
  const complete = () => {
    for (const entry of byClientId.values()) {
      if (entry.ok && (entry.newCount < config.clients || entry.moodCount < config.clients)) return false;
    }
    return true;
  };
  while (!complete() && performance.now() - lastSendAt < config.drainMs) await sleep(50);
  const t1 = performance.now();
  const elu = performance.eventLoopUtilization(elu0);
  const cpu = process.cpuUsage(cpu0);
  loop.disable();
  report({ type: 'load-end' });
  measuring = false;

  let lostNew = 0;
  let lostMood = 0;
  let messagesIncomplete = 0;
  const fanOutNew = [];
  const fanOutMood = [];
  // Per message: when it was sent (s into the window) and when its last client had it, so
  // stalls can be placed in time.
  const timeline = [];
  for (const entry of byClientId.values()) {
    timeline.push([(entry.sentAt - t0) / 1000, entry.lastNew, entry.lastMood]);
    // A message counts as sent when it was acknowledged or seen by anyone (ack timed out but broadcast).
    if (!entry.ok && entry.newCount === 0) continue;
    lostNew += Math.max(0, config.clients - entry.newCount);
    lostMood += Math.max(0, config.clients - entry.moodCount);
    if (entry.newCount < config.clients || entry.moodCount < config.clients) messagesIncomplete++;
    if (entry.lastNew !== null) fanOutNew.push(entry.lastNew);
    if (entry.lastMood !== null) fanOutMood.push(entry.lastMood);
  }
  const windowS = (t1 - t0) / 1000;
  report({
    type: 'result',
    windowS,
    sendWindowS: (lastSendAt - t0) / 1000,
    drainedS: (t1 - lastSendAt) / 1000,
    attempted: byClientId.size,
    accepted: okAcks,
    rejected,
    rejectedTotal: Object.values(rejected).reduce((a, b) => a + b, 0) + ackTimeouts,
    ackTimeouts,
    sendRate: byClientId.size / ((lastSendAt - t0) / 1000),
    deliveries: { new: newLatency.length, mood: moodLatency.length },
    eventsPerSecond: (newLatency.length + moodLatency.length) / windowS,
    lostNew,
    lostMood,
    messagesIncomplete,
    latency: { new: newLatency.summary(), ack: ackLatency.summary(), mood: moodLatency.summary(), fanOutNew: summarize(fanOutNew), fanOutMood: summarize(fanOutMood) },
    sendLateness: sendLateness.summary(),
    generator: {
      elu: elu.utilization,
      cpuPercent: ((cpu.user + cpu.system) / 1000 / (t1 - t0)) * 100,
      loopDelayP99Ms: loop.percentile(99) / 1e6,
      loopDelayMaxMs: loop.max / 1e6,
    },
    counters,
    timeline,
    // --trace-delivery: each send on the clock the servers' trace uses (performance.now() runs on
    // that clock from this process's own origin), with its first and last arrival.
    ...(config.traceDelivery ? { sends: onTraceClock(byClientId) } : {}),
  });
}

/** The sends as `[clientMessageId, sentAt, firstLatency, lastLatency]`, sentAt moved to the trace's clock. */
function onTraceClock(byClientId) {
  const offset = traceClockMs() - performance.now();
  return [...byClientId].map(([clientMessageId, entry]) => [clientMessageId, offset + entry.sentAt, entry.firstNew, entry.lastNew]);
}
