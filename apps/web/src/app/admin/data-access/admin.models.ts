import type { UserSort, Variant } from '@moodlobby/shared';

/* The admin API's response shapes and query limits come from the shared library, which the API's DTOs implement. */
export type {
  AdminUser,
  ArmSummary,
  Arms,
  Comparison,
  ComparisonMetric,
  Comparisons,
  Daily,
  DailyArm,
  DailyPoint,
  InferenceHealth,
  JobStatus,
  Retention,
  Srm,
  Summary,
  UserSort,
  UserSortField,
  UsersPage,
  WelchComparison,
} from '@moodlobby/shared';
export { DAILY_WINDOW_DAYS, DEFAULT_USER_SORT, DEFAULT_USERS_LIMIT, JOB_STATUSES, MAX_USERS_LIMIT, USER_SORT_FIELDS } from '@moodlobby/shared';

/** The users table's query as the dashboard keeps it (no arm filter is `null`). */
export interface UsersQuery {
  limit: number;
  offset: number;
  variant: Variant | null;
  sort: UserSort;
}
