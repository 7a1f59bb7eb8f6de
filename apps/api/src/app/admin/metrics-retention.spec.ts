import type { DataSource } from 'typeorm';
import { Variant } from '@moodlobby/shared';
import { SeedData, SeedMessage, SeedUser, SeedVisit } from '../../seed/seed-data';
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
    return { users: [user], visits: userVisits, messages: userMessages, jobs: [] } satisfies SeedData;
  }

  async function load(...people: SeedData[]) {
    await writeSeed(
      dataSource,
      {
        users: people.flatMap((p) => p.users),
        visits: people.flatMap((p) => p.visits),
        messages: people.flatMap((p) => p.messages),
        jobs: [],
      },
      { reset: true },
    );
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
    expect(summary.comparison.messagesPerUser).toEqual({ diff: null, ciLow: null, ciHigh: null, pValue: null, se: null, df: null });
    expect(summary.srm).toMatchObject({ chiSquare: null, pValue: null, flagged: false, observedTreatmentShare: null });
    expect(summary.inference).toEqual({ jobs: { PENDING: 0, PROCESSING: 0, DONE: 0, FAILED: 0 }, latencyMs: { mean: null, p95: null } });
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
});
