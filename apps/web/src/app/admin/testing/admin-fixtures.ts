import type { AdminUser, ArmSummary, Daily, Summary, UsersPage } from '../data-access/admin.models';

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
      d1: { diff: 0.35, ciLow: -0.0587, ciHigh: 0.7587, pValue: 0.0312, se: 0.2085 },
      d7: { diff: null, ciLow: null, ciHigh: null, pValue: null, se: null },
      messagesPerUser: { diff: 1, ciLow: -0.5, ciHigh: 2.5, pValue: 0.18, se: 0.7168, df: 19.4 },
    },
    srm: { expectedTreatmentShare: 0.5, observedTreatmentShare: 12 / 22, chiSquare: 0.1818, pValue: 0.6698, flagged: false },
    inference: { jobs: { PENDING: 1, PROCESSING: 0, DONE: 75, FAILED: 2 }, latencyMs: { mean: 412.5, p95: 1830 } },
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
  const none = { diff: null, ciLow: null, ciHigh: null, pValue: null, se: null };
  return {
    asOf,
    totals: { users: 0, messages: 0, visits: 0 },
    arms: { CONTROL: arm, TREATMENT: { ...arm } },
    comparison: { d1: none, d7: { ...none }, messagesPerUser: { ...none, df: null } },
    srm: { expectedTreatmentShare: 0.5, observedTreatmentShare: null, chiSquare: null, pValue: null, flagged: false },
    inference: { jobs: { PENDING: 0, PROCESSING: 0, DONE: 0, FAILED: 0 }, latencyMs: { mean: null, p95: null } },
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
