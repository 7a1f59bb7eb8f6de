/**
 * Lobby load: `clients` Socket.IO clients, `senders` of them sending one message every 2 s,
 * against (1) the real API with the stub sidecar, and (2) a bare Socket.IO broadcast server
 * (baseline-server.mjs), one after the other in the same run, taking turns going first
 * (bench/lib/pair.mjs). The generator (generator.mjs) is its own process; this module samples
 * CPU and memory of every process from /proc.
 */
import { fileURLToPath } from 'node:url';
import testing from '@moodlobby/testing';
import { busyNow, cores, load1, pinPlan, pinToCores } from '../lib/machine.mjs';
import { forkScript } from '../lib/proc.mjs';
import { cpuMark, cpuPercent, DISTURBED_PERCENT, machineBusyPercent, machineTicks, othersPercent, rssMiB, sampleRss } from '../lib/procstat.mjs';
import { row, targetRow } from '../lib/result.mjs';
import { fmt, median, ratio } from '../lib/stats.mjs';
import { monotonicUs, profileMarkdown, summarizeProfileDir } from '../lib/profile.mjs';
import { profileDirFor, startApi, startSidecar, tempDir } from '../lib/services.mjs';
import { readTrace, sqlMarkdown, statementStats, traceOptions } from '../lib/sqltrace.mjs';
import { deliveryMarkdown, deliveryStages, deliveryTraceOptions, readDeliveryTrace } from '../lib/deliverytrace.mjs';
import { allocMarkdown, allocSampleOptions, readAllocSample, summarizeAllocations, toggleAllocSample } from '../lib/allocsample.mjs';
import { measurePair } from '../lib/pair.mjs';
import { STORED_BASELINE_NOTE } from './baseline-store.mjs';

const { sleep, waitForHttp } = testing;
const GENERATOR = fileURLToPath(new URL('./generator.mjs', import.meta.url));
const BASELINE = fileURLToPath(new URL('./baseline-server.mjs', import.meta.url));

/** The generator's event loop busier than this (or its CPU above this % of a core) invalidates a run. */
const SATURATED_ELU = 0.9;
const SATURATED_CPU = 90;
const CONNECT_BUDGET_S = 240;
/** A message slower than this to reach all clients counts as a visible stall. */
const SLOW_FAN_OUT_MS = 100;

export const TARGETS = { p99Ratio: 1.5, moodP50: 30, moodP99: 100 };

export async function runLobby({ full, options, log }) {
  const params = {
    clients: options.clients ?? 500,
    senders: options.senders ?? 50,
    intervalMs: 2000,
    jitterMs: 100,
    durationMs: (options.lobbySeconds ?? (full ? 60 : 15)) * 1000,
    drainMs: 10_000,
    connectBatch: 25,
    baselineMoodDelayMs: 5,
    // A 60 s window's p99 moves with a handful of slow messages: full runs take the median of rounds.
    rounds: options.lobbyRounds ?? (full ? 3 : 1),
    pin: options.pin,
    baselineStore: options.baselineStore,
  };
  const budgetS = params.rounds * (CONNECT_BUDGET_S + params.durationMs / 1000 + 120);
  log(`lobby: ${params.clients} clients, ${params.senders} sending every ${params.intervalMs} ms for ${params.durationMs / 1000} s; ${params.rounds} round(s) of moodlobby and baseline, taking turns going first`);

  const sidecar = await startSidecar({ maxSeconds: budgetS });
  const rounds = [];
  try {
    for (let round = 1; round <= params.rounds; round++) {
      const tag = params.rounds > 1 ? ` #${round}` : '';
      rounds.push(await measureSideBySide(round - 1, tag, { sidecar, params, options, budgetS, log }));
    }
  } finally {
    await sidecar.stop('SIGTERM');
  }
  return summarize(params, rounds);
}

/**
 * Pair `index` of a run: the API's window (`moodlobby<suffix>`) and the bare server's
 * (`baseline<suffix>`), taking turns going first (bench/lib/pair.mjs), with the API's CPU
 * profile attached when `--profile` took one. The rate benchmark measures its pairs with it too.
 */
export async function measureSideBySide(index, suffix, { sidecar, params, options, budgetS, log }) {
  const pair = await measurePair(
    index,
    () => measure(`moodlobby${suffix}`, params, log, () => startOurs(sidecar, params, options, budgetS)),
    () => measure(`baseline${suffix}`, params, log, () => startBaseline(params, budgetS, options)),
  );
  attachProfile(pair.ours);
  return pair;
}

/** The real API on a fresh SQLite file, with the stub sidecar (and `params.apiEnv`, if any). */
async function startOurs(sidecar, params, options, budgetS) {
  const data = tempDir('lobby');
  const profileDir = options.profile ? profileDirFor('lobby-api') : null;
  const tracePath = options.traceSql ? `${data.dir}/sql-trace.jsonl` : null;
  const trace = traceOptions(tracePath);
  const deliveryTracePath = options.traceDelivery ? `${data.dir}/delivery-trace.json` : null;
  const delivery = deliveryTraceOptions(deliveryTracePath);
  const allocPath = options.alloc ? `${data.dir}/window.heapprofile` : null;
  const alloc = allocSampleOptions(allocPath);
  const api = await startApi({
    profileDir,
    databasePath: `${data.dir}/moodlobby.db`,
    dataDir: data.dir,
    maxSeconds: budgetS,
    nodeArgs: [...trace.nodeArgs, ...delivery.nodeArgs, ...alloc.nodeArgs],
    env: { SIDECAR_URL: sidecar.url, ...params.apiEnv, ...options.apiEnv, ...trace.env, ...delivery.env, ...alloc.env },
  });
  const handle = {
    pid: api.pid,
    url: api.url,
    extraPids: { sidecar: sidecar.pid },
    expectPresence: true,
    profileDir,
    sqlTrace: null,
    traceDelivery: deliveryTracePath !== null,
    deliveryTrace: null,
    sampleAllocations: allocPath !== null,
    allocations: null,
    stop: async () => {
      // The second signal (at the window's end) has the profile written: wait for it before stopping.
      if (allocPath) handle.allocations = await readAllocSample(allocPath);
      await api.stop('SIGTERM', 8000);
      if (tracePath) handle.sqlTrace = readTrace(tracePath);
      if (deliveryTracePath) handle.deliveryTrace = readDeliveryTrace(deliveryTracePath);
      data.dispose();
    },
  };
  return handle;
}

async function startBaseline(params, budgetS, options = {}) {
  const data = options.traceDelivery || options.alloc || options.baselineStore ? tempDir('baseline') : null;
  const deliveryTracePath = options.traceDelivery ? `${data.dir}/delivery-trace.json` : null;
  const delivery = deliveryTraceOptions(deliveryTracePath);
  const allocPath = options.alloc ? `${data.dir}/window.heapprofile` : null;
  const alloc = allocSampleOptions(allocPath);
  const server = forkScript(BASELINE, {
    name: 'baseline',
    args: [String(params.baselineMoodDelayMs), String(budgetS), ...(options.baselineStore ? [`${data.dir}/baseline.db`] : [])],
    env: { ...process.env, ...delivery.env, ...alloc.env },
    execArgv: [...delivery.nodeArgs, ...alloc.nodeArgs],
  });
  let url;
  try {
    const { port } = await server.next((m) => m?.type === 'listening', 10_000);
    url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/health`);
  } catch (error) {
    await server.stop();
    throw error;
  }
  const handle = {
    pid: server.pid,
    url,
    extraPids: {},
    expectPresence: false,
    traceDelivery: deliveryTracePath !== null,
    deliveryTrace: null,
    sampleAllocations: allocPath !== null,
    allocations: null,
    stop: async () => {
      if (allocPath) handle.allocations = await readAllocSample(allocPath);
      await server.stop();
      if (deliveryTracePath) handle.deliveryTrace = readDeliveryTrace(deliveryTracePath);
      data?.dispose();
    },
  };
  return handle;
}

/**
 * One target under load: start it, connect the clients, measure the load window, stop everything.
 * Logged as `<params.bench ?? 'lobby'>/<label>`; a label starting with `baseline` is the bare server.
 */
async function measure(label, params, log, start) {
  const name = `${params.bench ?? 'lobby'}/${label}`;
  const server = await start();
  let generator;
  let measured;
  try {
    const pins = params.pin ? pinPlan() : null;
    if (params.pin && !pins) log(`${name}: --pin needs at least 2 cores; running unpinned`);
    if (pins) pinToCores(server.pid, pins.server);
    await sleep(1000);
    const rssIdle = rssMiB(server.pid);
    generator = forkScript(GENERATOR, { name: `generator(${label})` });
    if (pins) pinToCores(generator.pid, pins.generator);
    generator.send({
      type: 'config',
      ...params,
      url: server.url,
      label: label.startsWith('baseline') ? 'b' : 'm',
      expectPresence: server.expectPresence,
      traceDelivery: Boolean(server.traceDelivery),
      settleTimeoutMs: CONNECT_BUDGET_S * 1000,
      hardLimitMs: (CONNECT_BUDGET_S + ((params.warmUpMs ?? 0) + params.durationMs) / 1000 + 90) * 1000,
    });
    log(`${name}: connecting ${params.clients} clients…`);
    const connected = await generator.next((m) => m?.type === 'connected' || m?.type === 'error', CONNECT_BUDGET_S * 1000 + 10_000);
    if (connected.type === 'error') throw new Error(`generator: ${connected.error}`);
    log(`${name}: ${connected.clients} sessions in ${(connected.connectedMs / 1000).toFixed(1)} s, presence settled after ${(connected.settledMs / 1000).toFixed(1)} s; measuring…`);
    if (params.warmUpMs > 0) {
      generator.send({ type: 'warm-up' });
      const warmed = await generator.next((m) => m?.type === 'warmed', params.warmUpMs + 30_000);
      log(`${name}: warmed up with ${warmed.messages} messages in ${params.warmUpMs / 1000} s`);
    }
    await sleep(2000);
    const rssConnected = rssMiB(server.pid);
    const busyBefore = await busyNow(1000);
    const loadBefore = load1();

    const pids = { server: server.pid, generator: generator.pid, bench: process.pid, ...server.extraPids };
    const mark0 = cpuMark(pids);
    const ticks0 = machineTicks();
    const rss = sampleRss({ server: server.pid, generator: generator.pid });
    const windowUs = { fromUs: monotonicUs() };
    const windowMs = { from: Date.now() };
    if (server.sampleAllocations) toggleAllocSample(server.pid);
    generator.send({ type: 'go' });
    await generator.next((m) => m?.type === 'load-end', params.durationMs + params.drainMs + 60_000);
    windowUs.toUs = monotonicUs();
    windowMs.to = Date.now();
    if (server.sampleAllocations) toggleAllocSample(server.pid);
    const cpu = cpuPercent(mark0, cpuMark(pids));
    const machineBusy = machineBusyPercent(ticks0, machineTicks());
    const memory = rss.stop();
    const result = await generator.next((m) => m?.type === 'result', 60_000);
    const saturated = result.generator.elu >= SATURATED_ELU || (cpu.generator ?? 0) >= SATURATED_CPU;
    const others = othersPercent(machineBusy, cpu, cores());
    const disturbed = others !== null && others > DISTURBED_PERCENT;
    log(
      `${name}: new p50/p99 ${fmt(result.latency.new.p50)}/${fmt(result.latency.new.p99)} ms, mood p50/p99 ${fmt(result.latency.mood.p50)}/${fmt(result.latency.mood.p99)} ms, lost ${result.lostNew}/${result.lostMood}, server CPU ${fmt(cpu.server, 0)}%, generator ELU ${fmt(result.generator.elu, 2)}${saturated ? ' (SATURATED)' : ''}, others ${fmt(others, 0)}%${disturbed ? ' (DISTURBED)' : ''}`,
    );
    measured = {
      label,
      profileDir: server.profileDir ?? null,
      windowUs,
      windowMs,
      connect: connected,
      result,
      cpu,
      machineBusy,
      others,
      disturbed,
      busyBefore,
      loadBefore,
      loadAfter: load1(),
      memory: {
        idleMiB: rssIdle,
        connectedMiB: rssConnected,
        peakMiB: memory.server.peak,
        generatorPeakMiB: memory.generator.peak,
        perClientKiB: rssIdle !== null && rssConnected !== null ? ((rssConnected - rssIdle) * 1024) / params.clients : null,
      },
      saturated,
    };
  } finally {
    if (generator) {
      generator.send({ type: 'close' });
      await generator.stop();
    }
    await server.stop();
  }
  // --trace-sql: the API's statements during the window, slowest first.
  if (server.sqlTrace) measured.sql = statementStats(server.sqlTrace, measured.windowMs).slice(0, 12);
  // --alloc: what the server allocated over the window, per accepted message.
  if (server.allocations) measured.alloc = summarizeAllocations(server.allocations, { messages: measured.result.accepted });
  // --trace-delivery: where each message's time went, joined with the generator's sends.
  if (server.deliveryTrace) {
    measured.delivery = deliveryStages(server.deliveryTrace, measured.result.sends ?? []);
    delete measured.result.sends;
  }
  return measured;
}

/** With --profile: the API's CPU profile over the load window (written when it exited). */
function attachProfile(measured) {
  if (measured.profileDir) measured.profile = summarizeProfileDir(measured.profileDir, measured.windowUs);
}

/**
 * Each target is judged on the median over rounds; the round whose p99 ratio is the median
 * stands for the rest in the descriptive rows (CPU, memory, latencies).
 */
function summarize(params, rounds) {
  for (const r of rounds) r.p99Ratio = ratio(r.ours.result.latency.new.p99, r.baseline.result.latency.new.p99);
  const byRatio = [...rounds].sort((a, b) => (a.p99Ratio ?? Infinity) - (b.p99Ratio ?? Infinity));
  const { ours, baseline } = byRatio[Math.floor((byRatio.length - 1) / 2)];
  const o = ours.result;
  const b = baseline.result;
  const all = rounds.flatMap((r) => [r.ours, r.baseline]);
  const saturated = all.some((run) => run.saturated);
  const disturbed = all.some((run) => run.disturbed);
  const invalid = saturated || disturbed;
  const many = rounds.length > 1;
  const perRound = (values, digits) => (many ? ` (rounds: ${values.map((v) => fmt(v, digits)).join(', ')})` : '');
  const medianOf = (pick) => median(rounds.map(pick));
  const p99Ratio = medianOf((r) => r.p99Ratio);
  const p50Ratios = rounds.map((r) => ratio(r.ours.result.latency.new.p50, r.baseline.result.latency.new.p50));
  const moodP50 = rounds.map((r) => r.ours.result.latency.mood.p50);
  const moodP99 = rounds.map((r) => r.ours.result.latency.mood.p99);
  const lostNew = rounds.reduce((sum, r) => sum + r.ours.result.lostNew, 0);
  const lostMood = rounds.reduce((sum, r) => sum + r.ours.result.lostMood, 0);
  const expected = rounds.reduce((sum, r) => sum + r.ours.result.accepted * params.clients, 0);
  const rejected = rounds.reduce((sum, r) => sum + r.ours.result.rejectedTotal, 0);
  const accepted = rounds.reduce((sum, r) => sum + r.ours.result.accepted, 0);
  const slow = (run) => run.result.timeline.filter(([, lastNew]) => lastNew !== null && lastNew > SLOW_FAN_OUT_MS).length;
  const lat = (s) => `${fmt(s.p50)} / ${fmt(s.p95)} / ${fmt(s.p99)} ms`;
  const which = many ? ' (median round)' : '';
  const rows = [
    row(`lobby: delivery latency p50 / p95 / p99 (send → message:new, every client)${which}`, lat(o.latency.new)),
    row(`lobby: baseline delivery latency p50 / p95 / p99${which}`, lat(b.latency.new)),
    targetRow(`lobby: p99 ratio moodlobby / baseline${many ? `, median of ${rounds.length} rounds` : ''}`, `${fmt(p99Ratio, 2)}${perRound(rounds.map((r) => r.p99Ratio), 2)}`, p99Ratio, '<=', TARGETS.p99Ratio, `≤ ${TARGETS.p99Ratio}`, { invalid }),
    row('lobby: p50 ratio moodlobby / baseline', `${fmt(median(p50Ratios), 2)}${perRound(p50Ratios, 2)}`),
    targetRow(`lobby: message:new deliveries lost (of ${expected.toLocaleString('en-US')})`, String(lostNew), lostNew, '<=', 0, '0'),
    targetRow('lobby: message:mood_updated deliveries lost', String(lostMood), lostMood, '<=', 0, '0'),
    row('lobby: sends accepted / rejected', `${accepted} / ${rejected}`),
    row(
      `lobby: messages that took over ${SLOW_FAN_OUT_MS} ms to reach every client`,
      `moodlobby ${rounds.map((r) => slow(r.ours)).join(', ')}; baseline ${rounds.map((r) => slow(r.baseline)).join(', ')} (of ${o.attempted} per round)`,
    ),
    row('lobby: events/s arriving at the generator', fmt(o.eventsPerSecond, 0)),
    row(
      `lobby: ramp-up, ${params.clients} session:start (not measured in the window)`,
      `${fmt(ours.connect.settledMs / 1000)} s, ${ours.connect.presenceEvents.toLocaleString('en-US')} presence:update events received (baseline, no presence: ${fmt(baseline.connect.settledMs / 1000)} s)`,
    ),
    row('lobby: server CPU (mean over the window, % of one core)', `${fmt(ours.cpu.server, 0)}% (sidecar ${fmt(ours.cpu.sidecar, 0)}%; baseline server ${fmt(baseline.cpu.server, 0)}%)`),
    row(`lobby: server RSS idle → ${params.clients} connected → peak`, `${fmt(ours.memory.idleMiB, 0)} → ${fmt(ours.memory.connectedMiB, 0)} → ${fmt(ours.memory.peakMiB, 0)} MiB`),
    row('lobby: memory per connected client (RSS delta / clients)', `${fmt(ours.memory.perClientKiB, 0)} KiB (baseline ${fmt(baseline.memory.perClientKiB, 0)} KiB)`),
    row(
      'lobby: generator CPU / event-loop utilisation (highest of any run)',
      `${fmt(Math.max(...all.map((run) => run.cpu.generator ?? 0)), 0)}% / ${fmt(Math.max(...all.map((run) => run.result.generator.elu)), 2)}${saturated ? ' SATURATED' : ' not saturated'}`,
      { status: saturated ? 'invalid' : 'info' },
    ),
    row(
      'lobby: machine CPU busy during the window (all cores); other processes (% of a core, highest of any run)',
      `${fmt(ours.machineBusy, 0)}% (baseline run ${fmt(baseline.machineBusy, 0)}%); others ${fmt(Math.max(...all.map((run) => run.others ?? 0)), 0)}%${disturbed ? ' DISTURBED' : ''}`,
      { status: disturbed ? 'invalid' : 'info' },
    ),
    targetRow(`mood: latency p50 (send → message:mood_updated)${many ? ', median of rounds' : ''}`, `${fmt(median(moodP50))} ms${perRound(moodP50, 1)}`, median(moodP50), '<=', TARGETS.moodP50, `≤ ${TARGETS.moodP50} ms`, { invalid }),
    targetRow(`mood: latency p99${many ? ', median of rounds' : ''}`, `${fmt(median(moodP99))} ms${perRound(moodP99, 1)}`, median(moodP99), '<=', TARGETS.moodP99, `≤ ${TARGETS.moodP99} ms`, { invalid }),
  ];
  const notes = [];
  if (disturbed) notes.push(`Other processes used more than ${DISTURBED_PERCENT}% of a core during a window (machine busy minus our processes): the comparison is not judged; run again on a quiet machine.`);
  if (saturated) notes.push(`The generator was saturated (event-loop utilisation ≥ ${SATURATED_ELU} or CPU ≥ ${SATURATED_CPU}% of a core): latencies include its own queueing; the run cannot judge the latency targets.`);
  const disconnects = all.reduce((sum, run) => sum + run.result.counters.disconnects, 0);
  if (disconnects) notes.push(`Clients disconnected during the windows: ${disconnects}.`);
  if (all.some((run) => !run.connect.presenceSettled)) notes.push('Not every client saw the full presence list before a window opened (presence still settling).');
  if (params.baselineStore) notes.push(STORED_BASELINE_NOTE);
  const markdown = [
    ...rounds.filter((r) => r.ours.profile).map((r) => profileMarkdown(`API CPU profile over the load window, ${r.ours.label} (--profile run)`, r.ours.profile)),
    ...rounds.flatMap((r) => [r.ours, r.baseline].filter((run) => run.alloc).map((run) => allocMarkdown(`What ${run.label} allocated over the load window (--alloc run)`, run.alloc))),
    ...rounds.filter((r) => r.ours.sql).map((r) => sqlMarkdown(r.ours)),
    ...rounds.filter((r) => r.ours.delivery && r.baseline.delivery).map((r) => deliveryMarkdown(`Where delivery time goes, ${r.ours.label} vs ${r.baseline.label}`, r.ours.delivery, r.baseline.delivery)),
  ].join('\n\n');
  return { rows, notes, markdown, disturbed, details: { params, rounds } };
}
