import { present } from '../../../testing/present';
import { simulatePeeking } from './peeking-simulation';


// The small version of `npm run stats:simulate` (docs/STATISTICS.md has the full run's figures).
describe('daily peeking, simulated', () => {
  it('A/A: daily looks at the fixed-horizon interval call many false winners, the sequential one at most 5%', () => {
    const result = simulatePeeking({ experiments: 400, seed: 7 });
    expect(result.fixedEverSignificant).toBeGreaterThan(0.1);
    expect(result.sequentialEverSignificant).toBeLessThanOrEqual(0.05);
  });

  it('A/B with a true +5 pp on D7: the sequential interval finds it and says ship', () => {
    const result = simulatePeeking({ experiments: 200, lift: 0.05, seed: 11 });
    expect(result.sequentialEverAbove).toBeGreaterThan(0.6);
    expect(result.sequentialMedianDay).not.toBeNull();
    // It pays for validity with time: never earlier than the (invalid) fixed-horizon look.
    expect(present(result.sequentialMedianDay)).toBeGreaterThanOrEqual(present(result.fixedMedianDay));
  });

  it('is deterministic for a seed', () => {
    expect(simulatePeeking({ experiments: 50, seed: 3 })).toEqual(simulatePeeking({ experiments: 50, seed: 3 }));
  });
});
