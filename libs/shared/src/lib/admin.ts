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

/**
 * TREATMENT − CONTROL with a fixed-horizon 95% interval, a two-sided p-value and the standard
 * error the interval came from; all null without data.
 */
export interface FixedComparison {
  diff: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  /** The standard error the interval came from. */
  se: number | null;
}

/**
 * The always-valid interval (SPEC 10.1, Waudby-Smith et al.'s asymptotic confidence sequence):
 * diff ± halfWidth, safe to look at every day.
 */
export interface SequentialInterval {
  ciLow: number;
  ciHigh: number;
  halfWidth: number;
  /** True when the interval excludes 0. */
  significant: boolean;
}

/**
 * A comparison as the readout reports it: the fixed-horizon interval, the sequential one (null
 * exactly when the fixed one is), the Bayesian chance that TREATMENT is better and the expected
 * loss of shipping each arm (null only when an arm has nobody eligible / no users), and the
 * difference detectable with 80% power now.
 */
export interface Comparison extends FixedComparison {
  sequential: SequentialInterval | null;
  chanceToWin: number | null;
  /** E[max(other − this, 0)]: what choosing this arm costs if it is the worse one. */
  expectedLoss: Arms<number> | null;
  mde80: number | null;
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
  /**
   * Jobs created up to asOf that were never inferred because their message grew older than the
   * overload bound (INFERENCE_MAX_BACKLOG_AGE_MS); their messages are `failed` and neutral.
   */
  skipped: number;
}

export interface Totals {
  users: number;
  messages: number;
  visits: number;
}

export const PRIMARY_METRICS = ['d1', 'd7'] as const;
export type PrimaryMetric = (typeof PRIMARY_METRICS)[number];

export const VERDICTS = ['srm', 'ship', 'stop', 'keep-running'] as const;
/**
 * On the primary metric, the first rule that holds: `srm` (the split is unhealthy, nothing else is
 * trusted), `ship` (sequential interval above 0), `stop` (below 0), `keep-running`.
 */
export type Verdict = (typeof VERDICTS)[number];

export interface Decision {
  verdict: Verdict;
  metric: PrimaryMetric;
  /** EXPERIMENT_TARGET_LIFT, absolute. */
  targetLift: number;
  /** The primary metric's mde80. */
  mde80: number | null;
  /** Days of new eligible users until mde80 reaches the target; 0 once it has, null without a rate. */
  daysToTarget: number | null;
}

/** Day-N retention of one arm on the curve, n = 1 … 14. */
export interface CurvePoint extends Retention {
  n: number;
}

/** Users of one arm whose cohort day falls in one ISO week (Monday, UTC). */
export interface Cohort {
  /** The week's Monday, YYYY-MM-DD. */
  week: string;
  variant: Variant;
  users: number;
  d1: Retention;
  d7: Retention;
}

export interface Summary {
  asOf: string;
  totals: Totals;
  arms: Arms<ArmSummary>;
  comparison: Comparisons;
  /** The primary metric's days to the target lift (also in `decision`). */
  daysToTarget: number | null;
  decision: Decision;
  /** D1–D14 retention per arm. */
  curve: Arms<CurvePoint[]>;
  /** Per ISO week of cohort day and arm, oldest first, CONTROL before TREATMENT. */
  cohorts: Cohort[];
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
/** The retention curve's last day. */
export const CURVE_DAYS = 14;
/** The columns of GET /admin/export/users.csv, in order. */
export const USERS_CSV_COLUMNS = ['id', 'nickname', 'variant', 'cohortDay', 'firstSeenAt', 'lastSeenAt', 'messages', 'visits', 'activeDays', 'd1', 'd7'] as const;
/** The longest range the daily series answers. */
export const MAX_DAILY_RANGE_DAYS = 366;
