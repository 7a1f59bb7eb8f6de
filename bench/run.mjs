/**
 * moodlobby benchmarks: `npm run bench [-- options]`. See bench/README.md.
 *
 *   --full               the sizes of the issue (lobby 60 s, drain 10,000 jobs, admin at 100k users / 1M messages)
 *   --only a,b           run only these: lobby, rate, drain, admin, bundle
 *   --write / --no-write update docs/BENCHMARKS.md (default: only with --full)
 *   --build              rebuild the API and the web app first (default: build only what is missing)
 *   --max-load N         the 1-minute load average a run waits for (default 0.7)
 *   --max-wait S         how long to wait for it before running anyway, flagged (default 900 with --full, else 0)
 *   --retries N          re-run a benchmark whose window other processes disturbed (default 2 with --full, else 0)
 *   --profile            run the API under node --cpu-prof and summarise the measured window (diagnosis;
 *                        the profiler costs a little, so such runs are not written to the doc unless --write)
 *   --trace-sql          lobby: time every SQL statement inside the API and list the slowest (diagnosis, like --profile)
 *   --trace-delivery     lobby, rate: time each message's path through both servers, stage by stage (diagnosis)
 *   --alloc              lobby, rate: sample what each server allocates over the window, by package and function (diagnosis)
 *   --lobby-seconds N, --lobby-rounds N, --clients N, --senders N, --drain-jobs N, --admin-size small|full   override sizes
 */
import { parseArgs } from 'node:util';
import { runAdmin } from './admin/index.mjs';
import { runBundle } from './bundle/index.mjs';
import { runDrain } from './drain/index.mjs';
import { runLobby } from './lobby/index.mjs';
import { runRate } from './rate/index.mjs';
import { load1, machineInfo, waitForQuiet } from './lib/machine.mjs';
import { killAll } from './lib/proc.mjs';
import { formatTable, saveJson, writeDoc } from './lib/report.mjs';
import { row } from './lib/result.mjs';
import { apiSnapshot, gitState } from './lib/services.mjs';

const BENCHMARKS = {
  lobby: { title: 'Lobby load and mood latency', run: runLobby, usesApi: true },
  rate: { title: 'Message rate against bare Socket.IO', run: runRate, usesApi: true },
  drain: { title: 'Inference drain', run: runDrain, usesApi: true },
  admin: { title: 'Admin API at scale', run: runAdmin, usesApi: true },
  bundle: { title: 'Client bundle', run: runBundle, usesApi: false },
};

const { values } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    only: { type: 'string' },
    write: { type: 'boolean' },
    'no-write': { type: 'boolean' },
    build: { type: 'boolean', default: false },
    'max-load': { type: 'string', default: '0.7' },
    'max-wait': { type: 'string' },
    retries: { type: 'string' },
    'lobby-seconds': { type: 'string' },
    'lobby-rounds': { type: 'string' },
    clients: { type: 'string' },
    senders: { type: 'string' },
    'drain-jobs': { type: 'string' },
    'admin-size': { type: 'string' },
    rates: { type: 'string' },
    'api-env': { type: 'string', multiple: true },
    profile: { type: 'boolean', default: false },
    'trace-sql': { type: 'boolean', default: false },
    'trace-delivery': { type: 'boolean', default: false },
    alloc: { type: 'boolean', default: false },
    pin: { type: 'boolean', default: false },
    'baseline-store': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('Usage: npm run bench -- [--full] [--only lobby,rate,drain,admin,bundle] [--write|--no-write] [--build] [--max-load 0.7] [--max-wait S]\nSee bench/README.md.');
  process.exit(0);
}

const selected = values.only ? values.only.split(',').map((name) => name.trim()) : Object.keys(BENCHMARKS);
const unknown = selected.filter((name) => !BENCHMARKS[name]);
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')} (choose from ${Object.keys(BENCHMARKS).join(', ')})`);
  process.exit(2);
}
const number = (value) => (value === undefined ? undefined : Number(value));
/** A parser for a list of positive numbers given to `flag`. */
function positive(flag) {
  return (text) => {
    const value = Number(text);
    if (!(value > 0)) {
      console.error(`${flag} takes positive numbers, got "${text}"`);
      process.exit(2);
    }
    return value;
  };
}
/** `--api-env KEY=VALUE` → [KEY, VALUE]. */
function apiSetting(pair) {
  const at = pair.indexOf('=');
  if (at < 1) {
    console.error(`--api-env takes KEY=VALUE, got "${pair}"`);
    process.exit(2);
  }
  return [pair.slice(0, at), pair.slice(at + 1)];
}
const full = values.full;
const options = {
  lobbySeconds: number(values['lobby-seconds']),
  lobbyRounds: number(values['lobby-rounds']),
  clients: number(values.clients),
  senders: number(values.senders),
  drainJobs: number(values['drain-jobs']),
  adminSize: values['admin-size'],
  rates: values.rates?.split(',').map(positive('--rates')),
  apiEnv: Object.fromEntries((values['api-env'] ?? []).map(apiSetting)),
  rebuild: values.build,
  profile: values.profile,
  traceSql: values['trace-sql'],
  traceDelivery: values['trace-delivery'],
  alloc: values.alloc,
  pin: values.pin,
  baselineStore: values['baseline-store'],
};
/** Flags that make a run a diagnostic (not written to the doc unless --write), in the order the mode names them. */
const DIAGNOSTIC_FLAGS = ['profile', 'trace-sql', 'trace-delivery', 'alloc', 'pin', 'baseline-store'];
const diagnosticsGiven = DIAGNOSTIC_FLAGS.filter((flag) => values[flag]);
// A setting changed for the experiment is not the product's figure either.
const diagnostic = diagnosticsGiven.length > 0 || values['api-env'] !== undefined;
const write = values['no-write'] ? false : (values.write ?? (full && !diagnostic));
const maxLoad = Number(values['max-load']);
const maxWaitS = number(values['max-wait']) ?? (full ? 900 : 0);
const retries = number(values.retries) ?? (full ? 2 : 0);
const args = process.argv.slice(2).join(' ');
const command = process.env.npm_lifecycle_event === 'bench' ? `npm run bench${args ? ` -- ${args}` : ''}` : `npx tsx --tsconfig bench/tsconfig.json bench/run.mjs${args ? ` ${args}` : ''}`;
const log = (message) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

const results = [];
let failed = false;
try {
  const git = gitState();
  for (const name of selected) {
    const bench = BENCHMARKS[name];
    const apiBuild = bench.usesApi ? apiSnapshot({ rebuild: options.rebuild }) : null;
    let quiet;
    let startedAt;
    let outcome;
    const discarded = [];
    for (let attempt = 0; ; attempt++) {
      quiet = await waitForQuiet({ maxLoad, maxWaitS, log });
      startedAt = new Date();
      log(`${bench.title}: start (load average ${quiet.load.toFixed(2)})${attempt ? `, attempt ${attempt + 1}` : ''}`);
      try {
        outcome = await bench.run({ full, options, log });
      } catch (error) {
        failed = true;
        log(`${bench.title} failed: ${error.stack ?? error}`);
        outcome = { rows: [row(`${name}: run failed`, String(error.message ?? error).split('\n')[0], { status: 'invalid' })], notes: [], details: { error: String(error.stack ?? error) } };
      }
      if (!outcome.disturbed || attempt >= retries) break;
      discarded.push(startedAt.toISOString());
      log(`${bench.title}: a window was disturbed by other processes or saturated the load generator; running it again on a quiet machine`);
    }
    if (discarded.length) outcome.notes = [...(outcome.notes ?? []), `Earlier attempt(s) at ${discarded.join(', ')} were disturbed by other processes or saturated the load generator, and discarded.`];
    if (apiBuild?.stale) outcome.notes = [...(outcome.notes ?? []), 'dist/apps/api may be stale (a source under apps/api/src or libs/shared/src is newer than main.js): `--build` rebuilds.'];
    results.push({
      name,
      title: bench.title,
      mode: [full ? 'full' : 'short', ...diagnosticsGiven, ...(values['api-env'] ? [values['api-env'].join(' ')] : [])].join(' + '),
      command,
      startedAt: startedAt.toISOString(),
      durationS: (Date.now() - startedAt.getTime()) / 1000,
      machine: machineInfo(),
      load: { before: quiet.load, after: load1(), waitedS: quiet.waitedS, quiet: quiet.quiet, limit: maxLoad },
      git,
      apiBuild,
      ...outcome,
    });
  }
} finally {
  killAll();
}

console.log(`\n${formatTable(results)}\n`);
for (const result of results) if (result.markdown) console.log(`${result.markdown}\n`);
for (const result of results) {
  for (const note of result.notes ?? []) console.log(`note (${result.name}): ${note}`);
  if (!result.load.quiet) console.log(`note (${result.name}): load average ${result.load.before.toFixed(2)} ≥ ${maxLoad} before the run: figures are from a busy machine`);
}
console.log(`raw results: ${saveJson(results)}`);
if (write && results.length) console.log(`written: ${writeDoc(results)}`);
process.exit(failed ? 1 : 0);
