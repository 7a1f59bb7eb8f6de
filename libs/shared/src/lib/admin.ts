import type { Variant } from './variant';

/*
 * The admin API's response shapes (GET /admin/metrics/summary, /admin/metrics/daily,
 * /admin/users): the API's Swagger DTO classes implement these, the dashboard reads them.
 */

/** Day-N retention of one arm. `rate` is null when nobody is eligible yet. */
export interface Retention {
  eligible: number;
  retained: number;
  rate: number | null;
}

export interface ArmSummary {
  users: number;
  messages: number;
  messagesPerUser: number | null;
  visits: number;
  /** Mean length of ended visits, ms. */
  meanVisitLengthMs: number | null;
  d1: Retention;
  d7: Retention;
}

export type Arms<T> = Record<Variant, T>;

/** TREATMENT − CONTROL with a 95% interval and a two-sided p-value; all null without data. */
export interface Comparison {
  diff: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  /** The standard error the interval came from. */
  se: number | null;
}

export interface WelchComparison extends Comparison {
  df: number | null;
}

export interface Comparisons {
  d1: Comparison;
  d7: Comparison;
  messagesPerUser: WelchComparison;
}

export type ComparisonMetric = keyof Comparisons;

export interface Srm {
  expectedTreatmentShare: number;
  observedTreatmentShare: number | null;
  chiSquare: number | null;
  pValue: number | null;
  /** True when p < 0.001. */
  flagged: boolean;
}

export const JOB_STATUSES = ['PENDING', 'PROCESSING', 'DONE', 'FAILED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Job creation → DONE, ms: the mean and the 95th percentile (nearest rank). */
export interface Latency {
  mean: number | null;
  p95: number | null;
}

export interface InferenceHealth {
  jobs: Record<JobStatus, number>;
  latencyMs: Latency;
}

export interface Totals {
  users: number;
  messages: number;
  visits: number;
}

export interface Summary {
  asOf: string;
  totals: Totals;
  arms: Arms<ArmSummary>;
  comparison: Comparisons;
  srm: Srm;
  inference: InferenceHealth;
  /** Messages by mood. */
  moods: Record<string, number>;
}

export interface DailyArm {
  activeUsers: number;
  newUsers: number;
  messages: number;
}

export interface DailyPoint {
  day: string;
  arms: Arms<DailyArm>;
}

export interface Daily {
  from: string;
  to: string;
  /** Every day from..to, zeros included. */
  days: DailyPoint[];
}

export interface AdminUser {
  id: string;
  nickname: string;
  variant: Variant;
  firstSeenAt: string;
  lastSeenAt: string;
  messageCount: number;
  visitCount: number;
  online: boolean;
}

export interface UsersPage {
  total: number;
  limit: number;
  offset: number;
  items: AdminUser[];
}

export const USER_SORT_FIELDS = ['firstSeenAt', 'lastSeenAt', 'nickname', 'messageCount'] as const;
export type UserSortField = (typeof USER_SORT_FIELDS)[number];
/** A field, descending with a leading `-`. */
export type UserSort = UserSortField | `-${UserSortField}`;
export const USER_SORTS: readonly UserSort[] = USER_SORT_FIELDS.flatMap((field) => [field, `-${field}`] as const);

/** Query limits of the admin API. */
export const DEFAULT_USERS_LIMIT = 50;
export const MAX_USERS_LIMIT = 200;
export const DEFAULT_USER_SORT: UserSort = '-lastSeenAt';
/** The daily series covers this many days up to `to` unless `from` is given. */
export const DAILY_WINDOW_DAYS = 30;
/** The longest range the daily series answers. */
export const MAX_DAILY_RANGE_DAYS = 366;
