/**
 * `npm run stats:simulate [-- --experiments 2000 --looks 30 --users-per-day 200 --base-rate 0.25
 * --lift 0.05 --tuning-n 5000 --seed 20261205]`: simulated experiments read out daily through the
 * readout's own statistics (see docs/STATISTICS.md). Runs an A/A and an A/B (+lift) and prints a
 * Markdown table.
 */
import { DEFAULT_PEEKING, PeekingOptions, PeekingResult, simulatePeeking } from '../src/app/admin/statistics/peeking-simulation';

const flags: Record<string, keyof PeekingOptions> = {
  '--experiments': 'experiments',
  '--looks': 'looks',
  '--users-per-day': 'usersPerDay',
  '--retention-day': 'retentionDay',
  '--base-rate': 'baseRate',
  '--tuning-n': 'tuningN',
  '--seed': 'seed',
};

function parse(argv: string[]): { options: PeekingOptions; lift: number } {
  const options = { ...DEFAULT_PEEKING };
  let lift = 0.05;
  for (let i = 0; i < argv.length; i += 2) {
    const value = Number(argv[i + 1]);
    if (!Number.isFinite(value)) throw new Error(`${argv[i]} needs a number`);
    if (argv[i] === '--lift') lift = value;
    else if (flags[argv[i]]) options[flags[argv[i]]] = value;
    else throw new Error(`unknown option ${argv[i]} (known: ${[...Object.keys(flags), '--lift'].join(', ')})`);
  }
  return { options, lift };
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function row(name: string, result: PeekingResult): string {
  const days = (day: number | null) => (day === null ? '—' : String(day));
  return `| ${name} | ${percent(result.fixedEverSignificant)} | ${days(result.fixedMedianDay)} | ${percent(result.sequentialEverSignificant)} | ${percent(result.sequentialEverAbove)} | ${days(result.sequentialMedianDay)} |`;
}

const { options, lift } = parse(process.argv.slice(2));
const started = Date.now();
const aa = simulatePeeking({ ...options, lift: 0 });
const ab = simulatePeeking({ ...options, lift });
const o = options;
console.log(
  `${o.experiments} experiments per row, ${o.looks} daily looks, ${o.usersPerDay} new users a day split ½/½, ` +
    `D${o.retentionDay} base rate ${o.baseRate}, SEQUENTIAL_TUNING_N ${o.tuningN}, seed ${o.seed}\n`,
);
console.log('| experiment | fixed-horizon: ever "significant" | fixed: median day | sequential: ever significant | sequential: ever above 0 | sequential: median day |');
console.log('| --- | --- | --- | --- | --- | --- |');
console.log(row('A/A (no difference)', aa));
console.log(row(`A/B (+${Math.round(lift * 100)} pp on D${o.retentionDay})`, ab));
console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
