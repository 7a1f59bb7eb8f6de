// The rate benchmark's judgement (rate/summary.mjs): which rows a spoiled window takes out of
// judging. Run: node --test bench/test/
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarize } from '../rate/summary.mjs';

/** One server's figures in a window, as rate/summary.mjs's `figures` returns them. */
function side(label, { p99, cpuMs = 1, disturbed = false, saturated = false }) {
  const latency = { p50: p99 / 3, p99 };
  return {
    label,
    result: { latency: { new: latency, ack: latency, mood: latency }, accepted: 1000, rejectedTotal: 0 },
    cpuMs: { server: cpuMs, sidecar: 0.1 },
    disturbed,
    saturated,
    lost: 0,
  };
}

/** A rate's run: its rounds, each moodlobby's window against bare's, and the median round. */
function run(rate, rounds) {
  const all = rounds.map(([ours, baseline]) => ({ ours: side(`moodlobby@${rate}/s`, ours), baseline: side(`baseline@${rate}/s`, baseline), profile: null, alloc: null, sql: null, delivery: null }));
  return { rate, rounds: all, ...all[0] };
}

const rowOf = (rows, start) => rows.find((r) => r.metric.startsWith(start));
const status = (rows, start) => rowOf(rows, start).status;
const judgedRows = (rows) => rows.filter((r) => r.metric.startsWith('rate 100/s:') && r.target && !r.metric.includes('lost'));

test('a clean run judges the 100/s ratios and the highest rate held', () => {
  const { rows, notes, disturbed } = summarize(
    [run(50, [[{ p99: 8 }, { p99: 7 }]]), run(100, [[{ p99: 9 }, { p99: 8 }]]), run(400, [[{ p99: 40 }, { p99: 45 }]])],
    {},
  );
  assert.equal(disturbed, false);
  assert.deepEqual(judgedRows(rows).map((r) => r.status), ['pass', 'pass', 'pass']);
  assert.equal(status(rows, 'rate: highest rate run'), 'pass');
  assert.ok(!notes.some((n) => n.includes('disturbed')));
});

test('a generator saturated at 400/s takes out nothing whose verdict it cannot change', () => {
  const { rows, notes, disturbed } = summarize(
    [run(100, [[{ p99: 9 }, { p99: 6 }], [{ p99: 7 }, { p99: 6 }], [{ p99: 10 }, { p99: 6 }]]), run(400, [[{ p99: 35 }, { p99: 390, saturated: true }]])],
    {},
  );
  // Median of 1.5, 1.17 and 1.67: judged, and a miss.
  assert.equal(status(rows, 'rate 100/s: delivery p99 ratio'), 'miss');
  assert.equal(status(rows, 'rate 100/s: sender ack p99 ratio'), 'pass');
  assert.equal(status(rows, 'rate 100/s: API CPU per message ratio'), 'pass');
  // moodlobby held 400/s in a clean window: at least 0.7× bare's, whether bare held 400/s or only 100/s.
  const highest = rowOf(rows, 'rate: highest rate run');
  assert.equal(highest.status, 'pass');
  assert.equal(highest.value, '400/s vs 100–400/s');
  assert.equal(disturbed, false, 'nothing judged rests on the spoiled window: no need to run again');
  assert.match(notes.join(' '), /at 400\/s .* The 100\/s windows were clean: their ratios are judged\. The highest rate held is judged/);
});

test('a spoiled window the highest rate held turns on leaves it INVALID and asks for another attempt', () => {
  // moodlobby held 100/s, not 400/s; bare's 400/s window saturated: 100 ≥ 0.7 × 100, but not × 400.
  const { rows, disturbed } = summarize([run(100, [[{ p99: 9 }, { p99: 8 }]]), run(400, [[{ p99: 60 }, { p99: 390, saturated: true }]])], {});
  assert.equal(status(rows, 'rate 100/s: delivery p99 ratio'), 'pass');
  assert.equal(status(rows, 'rate: highest rate run'), 'invalid');
  assert.equal(disturbed, true);
});

test('a miss whichever way a spoiled window went is judged a miss', () => {
  // moodlobby held only 50/s; bare held 400/s in a clean window, its 200/s window disturbed.
  const { rows } = summarize(
    [run(50, [[{ p99: 9 }, { p99: 8 }]]), run(200, [[{ p99: 60 }, { p99: 12, disturbed: true }]]), run(400, [[{ p99: 80 }, { p99: 30 }]])],
    {},
  );
  const highest = rowOf(rows, 'rate: highest rate run');
  assert.equal(highest.status, 'miss');
  assert.equal(highest.value, '50/s vs 400/s');
});

test('a disturbed 100/s round takes out the 100/s ratios', () => {
  const { rows, notes, disturbed } = summarize([run(100, [[{ p99: 9 }, { p99: 8 }], [{ p99: 9, disturbed: true }, { p99: 8 }], [{ p99: 9 }, { p99: 8 }]]), run(200, [[{ p99: 12 }, { p99: 11 }]])], {});
  assert.deepEqual(judgedRows(rows).map((r) => r.status), ['invalid', 'invalid', 'invalid']);
  // Both servers held 200/s in clean windows: that verdict does not rest on the disturbed round.
  assert.equal(status(rows, 'rate: highest rate run'), 'pass');
  assert.equal(disturbed, true);
  assert.match(notes.join(' '), /The 100\/s ratios are not judged\./);
});
