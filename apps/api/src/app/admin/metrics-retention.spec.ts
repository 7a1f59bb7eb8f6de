import type { DataSource } from 'typeorm';
import { addDays, Variant } from '@moodlobby/shared';
import { SeedData, SeedJob, SeedMessage, SeedUser, SeedVisit } from '../../seed/seed-data';
import { writeSeed } from '../../seed/write-seed';
import { metricsService } from '../../testing/readout';
import { openTestDataSource } from '../../testing/test-data-source';

/** Small hand-made histories for the edges of the retention definition (SPEC section 10). */
describe('retention edge cases (real database)', () => {
  let dataSource: DataSource;
  let dispose: () => Promise<void>;
  let serial = 0;
  const service = () => metricsService(dataSource);

  const id = (prefix: string) => `${prefix}${(++serial).toString(16).padStart(7, '0')}-0000-4000-8000-000000000000`;
  const at = (iso: string) => new Date(iso);

  /** A user (CONTROL unless told) with a visit at each of `visits` and a message at each of `messages`. */
  function person(visits: string[], messages: string[] = [], variant: Variant = Variant.Control) {
    const times = [...visits, ...messages].sort();
    const user: SeedUser = { id: id('a'), nickname: 'x', variant, createdAt: at(times[0]), lastSeenAt: at(times[times.length - 1]) };
    const userVisits: SeedVisit[] = visits.map((start) => ({ id: id('b'), userId: user.id, startedAt: at(start), endedAt: new Date(at(start).getTime() + 60_000) }));
    const userMessages: SeedMessage[] = messages.map((time) => ({
      id: id('e'),
      userId: user.id,
      nickname: 'x',
      text: 'hi',
      mood: 'neutral',
      moodStatus: 'pending',
      confidence: null,
      clientMessageId: null,
      createdAt: at(time),
    }));
    return { users: [user], visits: userVisits, messages: userMessages, jobs: [] as SeedJob[] } satisfies SeedData;
  }

  async function load(...people: SeedData[]) {
    await writeSeed(
      dataSource,
      {
        users: people.flatMap((p) => p.users),
        visits: people.flatMap((p) => p.visits),
        messages: people.flatMap((p) => p.messages),
        jobs: people.flatMap((p) => p.jobs),
      },
      { reset: true },
    );
  }

  /** `count` users of `variant` first seen on `day`, each also active `later` days after it. */
  function cohort(count: number, variant: Variant, day: string, later: number[] = []): SeedData[] {
    const at = (offset: number) => `${addDays(day, offset)}T12:00:00Z`;
    return Array.from({ length: count }, () => person([at(0), ...later.map(at)], [], variant));
  }

  beforeAll(async () => {
    ({ dataSource, dispose } = await openTestDataSource());
  });
  afterAll(() => dispose());

  it('answers with zeros and nulls on an empty database', async () => {
    await load();
    const summary = await service().summary('2026-11-25');
    expect(summary.totals).toEqual({ users: 0, messages: 0, visits: 0 });
    expect(summary.arms.CONTROL).toEqual({
      users: 0,
      messages: 0,
      messagesPerUser: null,
      visits: 0,
      meanVisitLengthMs: null,
      d1: { eligible: 0, retained: 0, rate: null },
      d7: { eligible: 0, retained: 0, rate: null },
    });
    const none = { diff: null, ciLow: null, ciHigh: null, pValue: null, se: null, sequential: null, chanceToWin: null, expectedLoss: null, mde80: null };
    expect(summary.comparison).toEqual({ d1: none, d7: none, messagesPerUser: { ...none, df: null } });
    expect(summary.daysToTarget).toBeNull();
    expect(summary.decision).toEqual({ verdict: 'keep-running', metric: 'd7', targetLift: 0.05, mde80: null, daysToTarget: null });
    const flat = Array.from({ length: 14 }, (_, i) => ({ n: i + 1, eligible: 0, retained: 0, rate: null }));
    expect(summary.curve).toEqual({ CONTROL: flat, TREATMENT: flat });
    expect(summary.cohorts).toEqual([]);
    expect(summary.srm).toMatchObject({ chiSquare: null, pValue: null, flagged: false, observedTreatmentShare: null });
    expect(summary.inference).toEqual({ jobs: { PENDING: 0, PROCESSING: 0, DONE: 0, FAILED: 0 }, latencyMs: { mean: null, p95: null }, skipped: 0 });
    expect(Object.values(summary.moods).every((n) => n === 0)).toBe(true);
    const daily = await service().daily('2026-11-24', '2026-11-25');
    expect(daily.days.map((d) => d.arms.TREATMENT)).toEqual([
      { activeUsers: 0, newUsers: 0, messages: 0 },
      { activeUsers: 0, newUsers: 0, messages: 0 },
    ]);
  });

  it('does not count users first seen on asOf − 1 as eligible for D1', async () => {
    await load(person(['2026-11-09T10:00:00Z', '2026-11-10T10:00:00Z']), person(['2026-11-08T10:00:00Z', '2026-11-09T10:00:00Z']));
    const { d1 } = (await service().summary('2026-11-10')).arms.CONTROL;
    // Only the user of Nov 8 has had their day 1 (Nov 9) end before asOf (Nov 10).
    expect(d1).toEqual({ eligible: 1, retained: 1, rate: 1 });
  });

  it('does not count activity on day 2 only as D1', async () => {
    await load(person(['2026-11-01T10:00:00Z', '2026-11-03T10:00:00Z']));
    expect((await service().summary('2026-11-20')).arms.CONTROL.d1).toEqual({ eligible: 1, retained: 0, rate: 0 });
  });

  it('counts a user active on days 0, 1 and 7 for both D1 and D7, and day 7 alone for D7 only', async () => {
    await load(
      person(['2026-11-01T10:00:00Z', '2026-11-02T10:00:00Z', '2026-11-08T10:00:00Z']),
      person(['2026-11-01T10:00:00Z', '2026-11-08T10:00:00Z']),
    );
    const { d1, d7 } = (await service().summary('2026-11-20')).arms.CONTROL;
    expect(d1).toEqual({ eligible: 2, retained: 1, rate: 0.5 });
    expect(d7).toEqual({ eligible: 2, retained: 2, rate: 1 });
  });

  it('counts a message without a visit as activity, for the cohort day too', async () => {
    await load(person(['2026-11-01T10:00:00Z'], ['2026-11-02T22:00:00Z']), person([], ['2026-11-05T08:00:00Z', '2026-11-06T08:00:00Z']));
    const { d1 } = (await service().summary('2026-11-20')).arms.CONTROL;
    expect(d1).toEqual({ eligible: 2, retained: 2, rate: 1 });
  });

  it('splits days at midnight UTC', async () => {
    await load(
      // 40 minutes apart, but on two UTC days: retained on day 1.
      person(['2026-11-01T23:40:00Z', '2026-11-02T00:20:00Z']),
      // One millisecond apart across midnight: two UTC days, so retained too.
      person(['2026-11-03T23:59:59.999Z', '2026-11-04T00:00:00.000Z']),
      // 23 hours apart on one UTC day: not retained.
      person(['2026-11-05T00:30:00Z', '2026-11-05T23:30:00Z']),
    );
    const summary = await service().summary('2026-11-20');
    expect(summary.arms.CONTROL.d1).toEqual({ eligible: 3, retained: 2, rate: 2 / 3 });
    const daily = await service().daily('2026-11-01', '2026-11-02');
    expect(daily.days.map((d) => d.arms.CONTROL.activeUsers)).toEqual([1, 1]);
  });

  it('leaves out users, visits and messages created after asOf', async () => {
    await load(person(['2026-11-01T10:00:00Z', '2026-11-02T10:00:00Z'], ['2026-11-02T10:05:00Z']), person(['2026-11-03T00:00:00Z']));
    const summary = await service().summary('2026-11-01');
    expect(summary.totals).toEqual({ users: 1, messages: 0, visits: 1 });
    expect((await service().summary('2026-11-02')).totals).toEqual({ users: 1, messages: 1, visits: 2 });
  });

  it('draws the D1–D14 curve per arm and the weekly cohorts from the users\' active days', async () => {
    // asOf 2026-11-20 (a Friday). Cohort of Mon 2026-11-02: 4 CONTROL users, two back on day 1, one
    // on days 3 and 14, one never; cohort of Tue 2026-11-10: 2 TREATMENT users, one back on day 2 and 9.
    await load(
      ...cohort(2, Variant.Control, '2026-11-02', [1]),
      ...cohort(1, Variant.Control, '2026-11-02', [3, 14]),
      ...cohort(1, Variant.Control, '2026-11-02'),
      ...cohort(1, Variant.Treatment, '2026-11-10', [2, 9]),
      ...cohort(1, Variant.Treatment, '2026-11-10'),
    );
    const summary = await service().summary('2026-11-20');
    const control = summary.curve.CONTROL;
    expect(control).toHaveLength(14);
    expect(control[0]).toEqual({ n: 1, eligible: 4, retained: 2, rate: 0.5 });
    expect(control[2]).toEqual({ n: 3, eligible: 4, retained: 1, rate: 0.25 });
    // Nov 2 + 14 = Nov 16 is before Nov 20: eligible, and the one user back that day counts.
    expect(control[13]).toEqual({ n: 14, eligible: 4, retained: 1, rate: 0.25 });
    expect(control.filter((point) => ![1, 3, 14].includes(point.n)).every((point) => point.retained === 0 && point.eligible === 4)).toBe(true);
    const treatment = summary.curve.TREATMENT;
    expect(treatment[1]).toEqual({ n: 2, eligible: 2, retained: 1, rate: 0.5 });
    expect(treatment[8]).toEqual({ n: 9, eligible: 2, retained: 1, rate: 0.5 });
    // Nov 10 + 10 = Nov 20 is asOf itself: not over, so nobody is eligible from day 10 on.
    expect(treatment[9]).toEqual({ n: 10, eligible: 0, retained: 0, rate: null });
    // The curve's first and seventh points are the arms' D1 and D7.
    expect({ ...control[0], n: undefined }).toEqual({ ...summary.arms.CONTROL.d1, n: undefined });
    expect({ ...treatment[6], n: undefined }).toEqual({ ...summary.arms.TREATMENT.d7, n: undefined });
    expect(summary.cohorts).toEqual([
      { week: '2026-11-02', variant: 'CONTROL', users: 4, d1: { eligible: 4, retained: 2, rate: 0.5 }, d7: { eligible: 4, retained: 0, rate: 0 } },
      { week: '2026-11-09', variant: 'TREATMENT', users: 2, d1: { eligible: 2, retained: 0, rate: 0 }, d7: { eligible: 2, retained: 0, rate: 0 } },
    ]);
  });

  it('adds the sequential interval, chance to win, expected loss, mde80, daysToTarget and the decision by their formulas', async () => {
    // D7: TREATMENT 30 of 40 retained, CONTROL 10 of 40 (cohorts of 2026-11-02, asOf 2026-11-20);
    // 20 more users of each arm first seen 2026-11-15 (eligible for D1, not D7).
    await load(
      ...cohort(30, Variant.Treatment, '2026-11-02', [7]),
      ...cohort(10, Variant.Treatment, '2026-11-02'),
      ...cohort(10, Variant.Control, '2026-11-02', [7]),
      ...cohort(30, Variant.Control, '2026-11-02'),
      ...cohort(20, Variant.Treatment, '2026-11-15'),
      ...cohort(20, Variant.Control, '2026-11-15'),
    );
    const summary = await metricsService(dataSource, 0.5, { SEQUENTIAL_TUNING_N: 1000, EXPERIMENT_TARGET_LIFT: 0.05 }).summary('2026-11-20');
    const d7 = summary.comparison.d7;
    const [pT, pC, n] = [30 / 40, 10 / 40, 80];
    const se = Math.sqrt((pT * (1 - pT)) / 40 + (pC * (1 - pC)) / 40);
    expect(d7.diff).toBeCloseTo(0.5, 14);
    expect(d7.se).toBeCloseTo(se, 14);
    // SPEC 10.1, α = 0.05, N* = 1000.
    const rho2 = (-2 * Math.log(0.05) + Math.log(-2 * Math.log(0.05) + 1)) / 1000;
    const halfWidth = se * Math.sqrt(n) * Math.sqrt(((n * rho2 + 1) / (n * n * rho2)) * Math.log((n * rho2 + 1) / 0.0025));
    expect(d7.sequential?.halfWidth).toBeCloseTo(halfWidth, 12);
    expect(d7.sequential?.ciLow).toBeCloseTo(0.5 - halfWidth, 12);
    expect(d7.sequential?.significant).toBe(0.5 - halfWidth > 0);
    expect(d7.sequential?.halfWidth).toBeGreaterThan(1.959964 * se); // wider than the one-look interval
    // P(pT > pC) for Beta(31, 11) against Beta(11, 31), by the midpoint rule on a fine grid.
    const steps = 20_000;
    const logBetaFn = (a: number, b: number) => lgamma(a) + lgamma(b) - lgamma(a + b);
    const density = (x: number, a: number, b: number) => Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log(1 - x) - logBetaFn(a, b));
    let cdfC = 0;
    let chance = 0;
    for (let i = 0; i < steps; i++) {
      const x = (i + 0.5) / steps;
      const fc = density(x, 11, 31) / steps;
      chance += density(x, 31, 11) / steps * (cdfC + fc / 2);
      cdfC += fc;
    }
    expect(d7.chanceToWin).toBeCloseTo(chance, 6);
    expect(d7.expectedLoss?.TREATMENT).toBeLessThan(1e-4);
    // E[max(T − C, 0)] − E[max(C − T, 0)] = E[T] − E[C] = 31/42 − 11/42, the posterior means.
    expect((d7.expectedLoss?.CONTROL ?? NaN) - (d7.expectedLoss?.TREATMENT ?? NaN)).toBeCloseTo(20 / 42, 12);
    const pooled = 40 / 80;
    const mde80 = (1.959963984540054 + 0.8416212335729143) * Math.sqrt(pooled * (1 - pooled) * (1 / 40 + 1 / 40));
    expect(d7.mde80).toBeCloseTo(mde80, 12);
    // mde80 ≈ 0.313 > 0.05: more users needed. Newly D7-eligible users in the last 14 days: cohort
    // days 2026-10-30 … 2026-11-12 hold the 80 of 2026-11-02, so rate = 80 / 14 per day.
    const needed = 80 * (mde80 / 0.05) ** 2;
    expect(summary.daysToTarget).toBe(Math.ceil((needed - 80) / (80 / 14)));
    expect(summary.daysToTarget).toBeGreaterThan(0);
    expect(summary.decision).toEqual({
      verdict: d7.sequential && d7.sequential.ciLow > 0 ? 'ship' : 'keep-running',
      metric: 'd7',
      targetLift: 0.05,
      mde80: d7.mde80,
      daysToTarget: summary.daysToTarget,
    });
    expect(summary.decision.verdict).toBe('ship');
    // D1: nobody came back on day 1 in either arm: a variance of 0, so the fixed and sequential
    // comparisons and mde80 are null, while the Bayesian ones (both arms have eligible users) are not.
    expect(summary.comparison.d1).toMatchObject({ diff: null, sequential: null, mde80: null });
    expect(summary.comparison.d1.chanceToWin).toBeCloseTo(0.5, 12);
  });

  it('decides "srm" before anything else when the split is broken', async () => {
    await load(...cohort(60, Variant.Treatment, '2026-11-02', [7]), ...cohort(10, Variant.Control, '2026-11-02'));
    const summary = await service().summary('2026-11-20');
    expect(summary.srm.flagged).toBe(true);
    expect(summary.comparison.d7.sequential?.significant).toBe(true);
    expect(summary.decision.verdict).toBe('srm');
  });

  it('counts a job that finished after asOf as PENDING there, and as DONE from the day it finished', async () => {
    const writer = person(['2026-11-01T10:00:00Z'], ['2026-11-01T23:59:00Z', '2026-11-01T10:00:00Z']);
    const [late, onTime] = writer.messages;
    const job = (messageId: string, createdAt: string, finishedAt: string, status: SeedJob['status'], latencyMs: number | null): SeedJob => ({
      id: id('c'),
      messageId,
      status,
      attempts: 1,
      lastError: null,
      runAt: at(createdAt),
      lockedAt: null,
      lockedBy: null,
      createdAt: at(createdAt),
      finishedAt: at(finishedAt),
      latencyMs,
    });
    writer.jobs.push(job(late.id, '2026-11-01T23:59:00Z', '2026-11-02T00:01:00Z', 'DONE', 120_000), job(onTime.id, '2026-11-01T10:00:00Z', '2026-11-03T09:00:00Z', 'FAILED', null));
    await load(writer);
    const first = (await service().summary('2026-11-01')).inference;
    expect(first.jobs).toEqual({ PENDING: 2, PROCESSING: 0, DONE: 0, FAILED: 0 });
    expect(first.latencyMs).toEqual({ mean: null, p95: null });
    const second = (await service().summary('2026-11-02')).inference;
    expect(second.jobs).toEqual({ PENDING: 1, PROCESSING: 0, DONE: 1, FAILED: 0 });
    expect(second.latencyMs).toEqual({ mean: 120_000, p95: 120_000 });
    expect((await service().summary('2026-11-03')).inference.jobs).toEqual({ PENDING: 0, PROCESSING: 0, DONE: 1, FAILED: 1 });
  });
});

/** ln Γ(x) by Lanczos (g = 7, n = 9), independent of the readout's own implementation. */
function lgamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lgamma(1 - x);
  const z = x - 1;
  let sum = c[0];
  for (let i = 1; i < 9; i++) sum += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
