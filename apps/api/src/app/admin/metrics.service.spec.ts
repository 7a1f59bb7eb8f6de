import type { DataSource } from 'typeorm';
import { seedData } from '../../seed/seed-data';
import { writeSeed } from '../../seed/write-seed';
import { metricsService } from '../../testing/readout';
import { openTestDataSource } from '../../testing/test-data-source';

/**
 * The readout of the seed dataset (SEED.md), against values worked out by hand from its rules and
 * cross-checked with SciPy (ttest_ind(equal_var=False), norm.sf, chisquare) — not with this code.
 */
describe('MetricsService on the seed dataset (real database)', () => {
  let dataSource: DataSource;
  let dispose: () => Promise<void>;
  const metrics = (share = 0.5) => metricsService(dataSource, share);

  beforeAll(async () => {
    ({ dataSource, dispose } = await openTestDataSource());
    await writeSeed(dataSource, seedData(new Date('2026-10-01T00:00:00Z')));
  });
  afterAll(() => dispose());

  it('counts users, messages, visits and visit length per arm', async () => {
    const summary = await metrics().summary('2026-10-31');
    expect(summary.totals).toEqual({ users: 40, messages: 153, visits: 82 });
    expect(summary.arms.CONTROL).toMatchObject({ users: 24, messages: 67, visits: 45 });
    expect(summary.arms.CONTROL.meanVisitLengthMs).toBeCloseTo(600_000, 2);
    expect(summary.arms.CONTROL.messagesPerUser).toBeCloseTo(67 / 24, 12);
    expect(summary.arms.TREATMENT).toMatchObject({ users: 16, messages: 86, messagesPerUser: 5.375, visits: 37 });
    // 36 ended visits of 15 minutes; the open one is left out of the mean.
    expect(summary.arms.TREATMENT.meanVisitLengthMs).toBeCloseTo(900_000, 2);
  });

  it('computes D1 and D7 retention by the definition', async () => {
    const { arms } = await metrics().summary('2026-10-31');
    expect(arms.CONTROL.d1).toEqual({ eligible: 24, retained: 10, rate: 10 / 24 });
    expect(arms.CONTROL.d7).toEqual({ eligible: 24, retained: 6, rate: 0.25 });
    expect(arms.TREATMENT.d1).toEqual({ eligible: 16, retained: 10, rate: 0.625 });
    expect(arms.TREATMENT.d7).toEqual({ eligible: 16, retained: 6, rate: 0.375 });
  });

  it('compares the arms with intervals and p-values', async () => {
    const { comparison } = await metrics().summary('2026-10-31');
    expect(comparison.d1.diff).toBeCloseTo(0.2083333, 6);
    expect(comparison.d1.ciLow).toBeCloseTo(-0.1001712, 6);
    expect(comparison.d1.ciHigh).toBeCloseTo(0.5168378, 6);
    expect(comparison.d1.pValue).toBeCloseTo(0.1967056, 6);
    expect(comparison.d7.diff).toBeCloseTo(0.125, 9);
    expect(comparison.d7.ciLow).toBeCloseTo(-0.1687393, 6);
    expect(comparison.d7.ciHigh).toBeCloseTo(0.4187393, 6);
    expect(comparison.d7.pValue).toBeCloseTo(0.3980247, 6);
    expect(comparison.messagesPerUser.diff).toBeCloseTo(2.5833333, 6);
    expect(comparison.messagesPerUser.df).toBeCloseTo(23.5487593, 5);
    expect(comparison.messagesPerUser.pValue).toBeCloseTo(0.0738034, 6);
    expect(comparison.messagesPerUser.ciLow).toBeCloseTo(-0.2690317, 5);
    expect(comparison.messagesPerUser.ciHigh).toBeCloseTo(5.4356984, 5);
  });

  it('checks the sample ratio against TREATMENT_SHARE', async () => {
    expect((await metrics(0.5).summary('2026-10-31')).srm).toEqual({
      expectedTreatmentShare: 0.5,
      observedTreatmentShare: 0.4,
      chiSquare: expect.closeTo(1.6, 10),
      pValue: expect.closeTo(0.2059032, 6),
      flagged: false,
    });
    const skewed = (await metrics(0.1).summary('2026-10-31')).srm;
    expect(skewed.chiSquare).toBeCloseTo(40, 10);
    expect(skewed.pValue).toBeCloseTo(2.5396e-10, 13);
    expect(skewed.flagged).toBe(true);
  });

  it('reports inference jobs, latency and moods', async () => {
    const { inference, moods } = await metrics().summary('2026-10-31');
    expect(inference.jobs).toEqual({ PENDING: 15, PROCESSING: 4, DONE: 119, FAILED: 15 });
    expect(inference.latencyMs.mean).toBeCloseTo(266.3865546, 6);
    expect(inference.latencyMs.p95).toBe(500);
    expect(moods).toEqual({ neutral: 51, happy: 16, sad: 16, angry: 17, surprised: 18, scared: 18, disgusted: 17 });
  });

  it('reproduces a past readout: only what existed by the end of asOf counts', async () => {
    const summary = await metrics().summary('2026-10-01');
    // Day one: C1, C9, C17 and T1, T9 started; C1 and C9 sent 2 each, T1 3 and T9 1.
    expect(summary.totals).toEqual({ users: 5, messages: 8, visits: 5 });
    expect(summary.arms.CONTROL.d1).toEqual({ eligible: 0, retained: 0, rate: null });
    expect(summary.comparison.d1.pValue).toBeNull();
    // On 2026-10-09 the cohort of Oct 8 is not yet eligible for D1 (its day 1 is asOf itself).
    const ninth = await metrics().summary('2026-10-09');
    expect(ninth.arms.CONTROL.d1.eligible).toBe(21);
    expect(ninth.arms.TREATMENT.d1.eligible).toBe(14);
  });

  it('gives the daily series per arm', async () => {
    const { days } = await metrics().daily('2026-10-01', '2026-10-03');
    expect(days).toEqual([
      { day: '2026-10-01', arms: { CONTROL: { activeUsers: 3, newUsers: 3, messages: 4 }, TREATMENT: { activeUsers: 2, newUsers: 2, messages: 4 } } },
      { day: '2026-10-02', arms: { CONTROL: { activeUsers: 5, newUsers: 3, messages: 8 }, TREATMENT: { activeUsers: 4, newUsers: 2, messages: 8 } } },
      { day: '2026-10-03', arms: { CONTROL: { activeUsers: 4, newUsers: 3, messages: 6 }, TREATMENT: { activeUsers: 4, newUsers: 2, messages: 8 } } },
    ]);
    const quiet = await metrics().daily('2026-10-18', '2026-10-21');
    expect(quiet.days.every((d) => d.arms.CONTROL.activeUsers === 0 && d.arms.TREATMENT.messages === 0)).toBe(true);
    expect(quiet.days).toHaveLength(4);
  });
});
