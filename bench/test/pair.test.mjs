// measurePair: the two servers of a side-by-side pair take turns going first. Run: node --test bench/test/
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measurePair } from '../lib/pair.mjs';

/** Runs pairs 0 … n-1 and records which server each one measured first. */
async function firsts(n) {
  const order = [];
  for (let index = 0; index < n; index++) {
    const seen = [];
    const pair = await measurePair(
      index,
      async () => (seen.push('ours'), `ours ${index}`),
      async () => (seen.push('baseline'), `baseline ${index}`),
    );
    assert.deepEqual(pair, { ours: `ours ${index}`, baseline: `baseline ${index}` });
    assert.equal(seen.length, 2);
    order.push(seen[0]);
  }
  return order;
}

test('the pairs of a run take turns: moodlobby first on even pairs, bare first on odd ones', async () => {
  assert.deepEqual(await firsts(4), ['ours', 'baseline', 'ours', 'baseline']);
});

test('the second window starts only after the first has finished, whichever goes first', async () => {
  for (const [index, first, second] of [
    [0, 'ours', 'baseline'],
    [1, 'baseline', 'ours'],
  ]) {
    const events = [];
    const window = (name) => async () => {
      events.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`${name} end`);
      return name;
    };
    await measurePair(index, window('ours'), window('baseline'));
    assert.deepEqual(events, [`${first} start`, `${first} end`, `${second} start`, `${second} end`], `pair ${index}`);
  }
});
