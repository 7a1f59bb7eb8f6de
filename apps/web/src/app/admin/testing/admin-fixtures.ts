import type { AdminUser, ArmSummary, Comparison, Daily, Summary, UsersPage } from '../data-access/admin.models';

/** A comparison with the second-edition fields: sequential interval, Bayesian readout, mde80. */
export function aComparison(overrides: Partial<Comparison> = {}): Comparison {
  return {
    diff: 0.35,
    ciLow: -0.0587,
    ciHigh: 0.7587,
    pValue: 0.0312,
    se: 0.2085,
    sequential: { ciLow: -0.45, ciHigh: 1.15, halfWidth: 0.8, significant: false },
    chanceToWin: 0.955,
    expectedLoss: { TREATMENT: 0.004, CONTROL: 0.354 },
    mde80: 0.584,
    ...overrides,
  };
}

const NO_COMPARISON: Comparison = { diff: null, ciLow: null, ciHigh: null, pValue: null, se: null, sequential: null, chanceToWin: null, expectedLoss: null, mde80: null };

/** Day 1 … 14 of one arm's retention curve, from a rate per day (null: nobody eligible yet). */
export function aCurve(rates: (number | null)[], eligible = 10): Summary['curve']['CONTROL'] {
  return rates.map((rate, i) => ({ n: i + 1, eligible: rate === null ? 0 : eligible, retained: rate === null ? 0 : Math.round(rate * eligible), rate }));
}

/** Test data for the admin feature (used by specs only). */

export function anArm(overrides: Partial<ArmSummary> = {}): ArmSummary {
  return {
    users: 10,
    messages: 30,
    messagesPerUser: 3,
    visits: 20,
    meanVisitLengthMs: 83_000,
    d1: { eligible: 8, retained: 2, rate: 0.25 },
    d7: { eligible: 0, retained: 0, rate: null },
    ...overrides,
  };
}

export function aSummary(overrides: Partial<Summary> = {}): Summary {
  return {
    asOf: '2026-11-25',
    totals: { users: 22, messages: 78, visits: 44 },
    arms: {
      CONTROL: anArm(),
      TREATMENT: anArm({
        users: 12,
        messages: 48,
        messagesPerUser: 4,
        visits: 24,
        meanVisitLengthMs: 125_400,
        d1: { eligible: 10, retained: 6, rate: 0.6 },
        d7: { eligible: 0, retained: 0, rate: null },
      }),
    },
    comparison: {
      d1: aComparison(),
      d7: { ...NO_COMPARISON, chanceToWin: 0.5, expectedLoss: { TREATMENT: 0.1, CONTROL: 0.1 } },
      messagesPerUser: {
        ...aComparison({ diff: 1, ciLow: -0.5, ciHigh: 2.5, pValue: 0.18, se: 0.7168, sequential: { ciLow: -2.1, ciHigh: 4.1, halfWidth: 3.1, significant: false }, chanceToWin: 0.92, mde80: 2.01 }),
        df: 19.4,
      },
    },
    daysToTarget: null,
    decision: { verdict: 'keep-running', metric: 'd7', targetLift: 0.05, mde80: null, daysToTarget: null },
    curve: {
      CONTROL: aCurve([0.25, 0.2, 0.2, 0.1, 0.1, 0.1, null, null, null, null, null, null, null, null], 8),
      TREATMENT: aCurve([0.6, 0.5, 0.4, 0.4, 0.3, 0.3, null, null, null, null, null, null, null, null]),
    },
    cohorts: [
      { week: '2026-11-16', variant: 'CONTROL', users: 8, d1: { eligible: 8, retained: 2, rate: 0.25 }, d7: { eligible: 0, retained: 0, rate: null } },
      { week: '2026-11-16', variant: 'TREATMENT', users: 10, d1: { eligible: 10, retained: 6, rate: 0.6 }, d7: { eligible: 0, retained: 0, rate: null } },
      { week: '2026-11-23', variant: 'CONTROL', users: 2, d1: { eligible: 0, retained: 0, rate: null }, d7: { eligible: 0, retained: 0, rate: null } },
      { week: '2026-11-23', variant: 'TREATMENT', users: 2, d1: { eligible: 0, retained: 0, rate: null }, d7: { eligible: 0, retained: 0, rate: null } },
    ],
    srm: { expectedTreatmentShare: 0.5, observedTreatmentShare: 12 / 22, chiSquare: 0.1818, pValue: 0.6698, flagged: false },
    inference: { jobs: { PENDING: 1, PROCESSING: 0, DONE: 75, FAILED: 2 }, latencyMs: { mean: 412.5, p95: 1830 }, skipped: 4 },
    moods: { neutral: 40, happy: 20, sad: 5, angry: 3, surprised: 4, scared: 1, disgusted: 0 },
    ...overrides,
  };
}

/** The empty database: zeros and nulls. */
export function anEmptySummary(asOf = '2026-11-25'): Summary {
  const arm = anArm({
    users: 0,
    messages: 0,
    messagesPerUser: null,
    visits: 0,
    meanVisitLengthMs: null,
    d1: { eligible: 0, retained: 0, rate: null },
    d7: { eligible: 0, retained: 0, rate: null },
  });
  const none = { ...NO_COMPARISON };
  const flat = aCurve(Array.from({ length: 14 }, () => null));
  return {
    asOf,
    totals: { users: 0, messages: 0, visits: 0 },
    arms: { CONTROL: arm, TREATMENT: { ...arm } },
    comparison: { d1: none, d7: { ...none }, messagesPerUser: { ...none, df: null } },
    daysToTarget: null,
    decision: { verdict: 'keep-running', metric: 'd7', targetLift: 0.05, mde80: null, daysToTarget: null },
    curve: { CONTROL: flat, TREATMENT: [...flat] },
    cohorts: [],
    srm: { expectedTreatmentShare: 0.5, observedTreatmentShare: null, chiSquare: null, pValue: null, flagged: false },
    inference: { jobs: { PENDING: 0, PROCESSING: 0, DONE: 0, FAILED: 0 }, latencyMs: { mean: null, p95: null }, skipped: 0 },
    moods: { neutral: 0, happy: 0, sad: 0, angry: 0, surprised: 0, scared: 0, disgusted: 0 },
  };
}

export function aDaily(): Daily {
  return {
    from: '2026-11-23',
    to: '2026-11-25',
    days: [
      { day: '2026-11-23', arms: { CONTROL: { activeUsers: 3, newUsers: 3, messages: 5 }, TREATMENT: { activeUsers: 4, newUsers: 4, messages: 9 } } },
      { day: '2026-11-24', arms: { CONTROL: { activeUsers: 6, newUsers: 2, messages: 12 }, TREATMENT: { activeUsers: 5, newUsers: 1, messages: 0 } } },
      { day: '2026-11-25', arms: { CONTROL: { activeUsers: 2, newUsers: 0, messages: 1 }, TREATMENT: { activeUsers: 7, newUsers: 3, messages: 20 } } },
    ],
  };
}

export function aUser(overrides: Partial<AdminUser> = {}): AdminUser {
  return {
    id: 'u-1',
    nickname: 'Ada',
    variant: 'CONTROL',
    firstSeenAt: '2026-11-20T09:15:00.000Z',
    lastSeenAt: '2026-11-25T14:03:27.000Z',
    messageCount: 7,
    visitCount: 3,
    online: true,
    ...overrides,
  };
}

export function aUsersPage(overrides: Partial<UsersPage> = {}): UsersPage {
  return {
    total: 2,
    limit: 50,
    offset: 0,
    items: [aUser(), aUser({ id: 'u-2', nickname: 'Grace', variant: 'TREATMENT', online: false, messageCount: 0 })],
    ...overrides,
  };
}
