/**
 * What a rate run's windows add up to (rate/index.mjs measures them): the rows judged against
 * the issue's acceptance at 100 msg/s, the notes, and the markdown of any diagnostic runs.
 */
import { fmt, median, ratio } from '../lib/stats.mjs';
import { row, targetRow } from '../lib/result.mjs';
import { profileMarkdown } from '../lib/profile.mjs';
import { deliveryMarkdown } from '../lib/deliverytrace.mjs';
import { allocMarkdown } from '../lib/allocsample.mjs';
import { sqlMarkdown } from '../lib/sqltrace.mjs';
import { STORED_BASELINE_NOTE } from '../lobby/baseline-store.mjs';

/** The issue's acceptance at 100 msg/s, and the delivery p99 that counts as holding a rate. */
export const TARGETS = { p99Ratio: 1.3, ackP99Ratio: 2, cpuRatio: 1.5, holdP99Ms: 50, maxRateRatio: 0.7 };
export const JUDGED_RATE = 100;

/** What a rate's run tells: latencies, losses and CPU ms per accepted message, per process. */
export function figures(run, ...processes) {
  const { result } = run;
  const windowMs = run.windowMs.to - run.windowMs.from;
  // % of one core over the window → ms of CPU, shared out over the accepted messages.
  const perMessage = (percent) => (percent === null || percent === undefined || result.accepted === 0 ? null : ((percent / 100) * windowMs) / result.accepted);
  const cpuMs = Object.fromEntries(processes.map((name) => [name, perMessage(run.cpu[name])]));
  return { label: run.label, result, cpuMs, disturbed: run.disturbed, saturated: run.saturated, lost: result.lostNew + result.lostMood };
}

/** A round's delivery p99, moodlobby over bare. */
export function p99Ratio({ ours, baseline }) {
  return ratio(ours.result.latency.new.p99, baseline.result.latency.new.p99);
}

/** Whether a round's windows can't be judged: other processes disturbed one, or the generator, not a server, was the limit. */
function spoiled({ ours, baseline }) {
  return ours.disturbed || ours.saturated || baseline.disturbed || baseline.saturated;
}

/**
 * The rows, notes and markdown of a rate run. A spoiled window spoils the figures drawn from it
 * and no others: the judged rate's ratios rest on that rate's rounds (each with fresh processes);
 * the highest rate held is judged unless its verdict turns on a spoiled window
 * (`highestRateHeld`). `disturbed` asks run.mjs for another attempt when either is not judged.
 */
export function summarize(runs, params) {
  const spoiledRates = runs.filter((r) => r.rounds.some(spoiled)).map((r) => r.rate);
  const lat = (s) => `${fmt(s.p50)} / ${fmt(s.p99)} ms`;
  const rows = runs.flatMap(({ rate, ours, baseline }) => {
    const o = ours.result.latency;
    const b = baseline.result.latency;
    return [
      row(`rate ${rate}/s: delivery p50 / p99, moodlobby vs bare`, `${lat(o.new)} vs ${lat(b.new)} (×${fmt(ratio(o.new.p99, b.new.p99), 2)})`),
      row(`rate ${rate}/s: sender ack p50 / p99`, `${lat(o.ack)} vs ${lat(b.ack)} (×${fmt(ratio(o.ack.p99, b.ack.p99), 2)})`),
      row(`rate ${rate}/s: mood p50 / p99`, `${lat(o.mood)} vs ${lat(b.mood)}`),
      row(
        `rate ${rate}/s: CPU ms per accepted message`,
        `API ${fmt(ours.cpuMs.server, 2)} (sidecar ${fmt(ours.cpuMs.sidecar, 2)}) vs bare ${fmt(baseline.cpuMs.server, 2)} (×${fmt(ratio(ours.cpuMs.server, baseline.cpuMs.server), 2)})`,
      ),
      row(`rate ${rate}/s: accepted / rejected; deliveries lost`, `${ours.result.accepted} / ${ours.result.rejectedTotal}; ${ours.lost} (bare ${baseline.lost})`),
    ];
  });
  const judged = runs.find((r) => r.rate === JUDGED_RATE);
  const judgedInvalid = spoiledRates.includes(JUDGED_RATE);
  if (judged) {
    // Each ratio is judged on its median over the rounds; every round's figure is shown.
    const many = judged.rounds.length > 1;
    const judge = (label, pick, target) => {
      const values = judged.rounds.map(pick);
      const value = median(values);
      const shown = `${fmt(value, 2)}${many ? ` (rounds: ${values.map((v) => fmt(v, 2)).join(', ')})` : ''}`;
      return targetRow(`rate ${JUDGED_RATE}/s: ${label}${many ? `, median of ${values.length} rounds` : ''}`, shown, value, '<=', target, `≤ ${target}`, { invalid: judgedInvalid });
    };
    const lost = judged.rounds.reduce((sum, r) => sum + r.ours.lost, 0);
    rows.push(
      judge('delivery p99 ratio moodlobby / bare', p99Ratio, TARGETS.p99Ratio),
      judge('sender ack p99 ratio', (r) => ratio(r.ours.result.latency.ack.p99, r.baseline.result.latency.ack.p99), TARGETS.ackP99Ratio),
      judge('API CPU per message ratio', (r) => ratio(r.ours.cpuMs.server, r.baseline.cpuMs.server), TARGETS.cpuRatio),
      targetRow(`rate ${JUDGED_RATE}/s: deliveries lost${many ? ', all rounds' : ''}`, String(lost), lost, '<=', 0, '0'),
    );
  }
  const maxRate = highestRateHeld(runs);
  rows.push(
    row(
      `rate: highest rate run with delivery p99 ≤ ${TARGETS.holdP99Ms} ms, moodlobby vs bare (of ${runs.map((r) => r.rate).join(', ')}/s)`,
      `${span(maxRate.ours)}/s vs ${span(maxRate.baseline)}/s`,
      { target: `≥ ${TARGETS.maxRateRatio}× bare`, status: maxRate.verdict === null ? 'invalid' : maxRate.verdict ? 'pass' : 'miss' },
    ),
  );
  const notes = [];
  if (spoiledRates.length > 0) {
    const judgedToo = judgedInvalid ? ` The ${JUDGED_RATE}/s ratios are not judged.` : ` The ${JUDGED_RATE}/s windows were clean: their ratios are judged.`;
    const maxToo =
      maxRate.verdict === null
        ? ' The highest rate held is not judged: it turns on what the spoiled window(s) would have read.'
        : ' The highest rate held is judged: it comes out the same whether the spoiled window(s) held their rate or not.';
    notes.push(`A window at ${spoiledRates.join(', ')}/s was disturbed by other processes or saturated the generator.${judgedToo}${maxToo}`);
  }
  const top = Math.max(...runs.map((r) => r.rate));
  if (maxRate.baseline.high === top) {
    const held = maxRate.baseline.low === top ? 'held' : 'may have held';
    notes.push(`The bare server ${held} the highest rate run: its maximum is a lower bound${runs.length < 4 ? ' (--full adds 400/s)' : ''}, and so is the ratio's denominator.`);
  }
  if (params.baselineStore) notes.push(STORED_BASELINE_NOTE);
  const markdown = [
    ...runs.filter((r) => r.profile).map((r) => profileMarkdown(`API CPU profile over the window at ${r.rate}/s (--profile run)`, r.profile)),
    ...runs.flatMap((r) =>
      r.rounds.filter((round) => round.alloc).flatMap((round) => [
        allocMarkdown(`What the API allocated over the window, ${round.ours.label} (--alloc run)`, round.alloc.ours),
        allocMarkdown(`What the bare server allocated over the window, ${round.baseline.label} (--alloc run)`, round.alloc.baseline),
      ]),
    ),
    ...runs.filter((r) => r.sql).map((r) => sqlMarkdown(r.sql)),
    ...runs.flatMap((r) => r.rounds.filter((round) => round.delivery).map((round) => deliveryMarkdown(`Where delivery time goes, ${round.ours.label} vs ${round.baseline.label}`, round.delivery.ours, round.delivery.baseline))),
  ].join('\n\n');
  // Run again (--full) only when a judged figure could not be judged.
  return { rows, notes, markdown, disturbed: judgedInvalid || maxRate.verdict === null, details: { runs } };
}

/** "400" for a known rate, "200–400" where a spoiled window leaves it between two. */
function span({ low, high }) {
  return low === high ? String(low) : `${low}–${high}`;
}

/**
 * The highest rate each server held (delivery p99 within the bound, nothing lost) and whether
 * moodlobby's is at least `maxRateRatio` of bare's. A spoiled window (disturbed, or the generator
 * saturated) says nothing about its rate, which may have gone either way, so each side's highest
 * rate is known only between `low` (every spoiled window failed) and `high` (every one held). The
 * verdict stands when it is the same at both ends: a pass even with moodlobby's lowest against
 * bare's highest, a miss even with moodlobby's highest against bare's lowest; otherwise it is null.
 */
function highestRateHeld(runs) {
  const range = (side) => {
    const windows = runs.map((r) => ({ rate: r.rate, held: heldIn(r[side]) }));
    const rates = (held) => windows.filter((w) => w.held === held).map((w) => w.rate);
    return { low: Math.max(0, ...rates(true)), high: Math.max(0, ...rates(true), ...rates(null)) };
  };
  const ours = range('ours');
  const baseline = range('baseline');
  const passes = (oursRate, bareRate) => oursRate >= TARGETS.maxRateRatio * bareRate;
  let verdict = null;
  if (baseline.low > 0 && passes(ours.low, baseline.high)) verdict = true;
  else if (baseline.low > 0 && !passes(ours.high, baseline.low)) verdict = false;
  return { ours, baseline, verdict };
}

/** Whether a server held its rate in this window: true or false, or null when the window was spoiled. */
function heldIn(window) {
  if (window.disturbed || window.saturated) return null;
  return window.lost === 0 && window.result.latency.new.p99 <= TARGETS.holdP99Ms;
}
