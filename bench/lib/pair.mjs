/**
 * One side-by-side pair: moodlobby's window and the bare server's, one after the other. Which
 * goes first alternates with the pair's index (moodlobby on even pairs, bare on odd ones), so a
 * machine that drifts slower or faster over a run, or a first window that inherits the last
 * one's load, weighs on both servers alike instead of always on the same one.
 */
export async function measurePair(index, measureOurs, measureBaseline) {
  if (index % 2 === 0) {
    const ours = await measureOurs();
    return { ours, baseline: await measureBaseline() };
  }
  const baseline = await measureBaseline();
  return { ours: await measureOurs(), baseline };
}
