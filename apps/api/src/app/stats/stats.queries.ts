import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { addDays, CURVE_DAYS, startOfDay, utcDay } from '@moodlobby/shared';
import { readTimestamp, runSql } from '../platform/database/sql';
import { DailyArmStat } from './daily-arm-stat.entity';
import { DailyJobLatency } from './daily-job-latency.entity';

/**
 * The stats module's SQL, written once for SQLite and PostgreSQL: the running totals' increments
 * (stats.writer.ts says when each is made) and their rebuild from the rows. Days are worked out
 * in code (libs/shared utc-day) and passed in, so no statement needs the databases' date functions.
 */

/** Upsert statements by table, columns and row count, built once. */
const upserts = new Map<string, string>();

/**
 * `INSERT … ON CONFLICT (keys) DO UPDATE SET amount = amount + excluded.amount` on an entity's
 * table: adds `amounts` to the row of `keys`, making it (with `fixed`) if it is not there yet.
 */
export function addTo<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  keys: Partial<T>,
  amounts: Partial<Record<keyof T, number>>,
  fixed: Partial<T> = {},
): Promise<void> {
  return addToEach(manager, entity, [{ keys, amounts, fixed }]);
}

/**
 * `addTo` for several rows of one entity in one statement. Every row names the same keys,
 * amounts and fixed columns, and no two rows the same keys (a statement may not change a row
 * twice on PostgreSQL): count into one row per key first.
 */
export async function addToEach<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: { keys: Partial<T>; amounts: Partial<Record<keyof T, number>>; fixed?: Partial<T> }[],
): Promise<void> {
  if (rows.length === 0) return;
  const [first] = rows;
  const keyNames = Object.keys(first.keys);
  const amountNames = Object.keys(first.amounts);
  const names = [...keyNames, ...Object.keys(first.fixed ?? {}), ...amountNames];
  const metadata = manager.connection.getMetadata(entity);
  const shape = `${metadata.tableName}|${keyNames}|${amountNames}|${names}|${rows.length}`;
  let sql = upserts.get(shape);
  if (!sql) {
    const column = (property: string) => {
      const found = metadata.findColumnWithPropertyName(property);
      if (!found) throw new Error(`${metadata.name} has no column ${property}`);
      return found.databaseName;
    };
    const table = metadata.tableName;
    const tuples = rows.map((_row, r) => `(${names.map((name) => `:r${r}_${name}`).join(', ')})`);
    const updates = amountNames.map((property) => `${column(property)} = ${table}.${column(property)} + excluded.${column(property)}`);
    sql = `INSERT INTO ${table} (${names.map(column).join(', ')}) VALUES ${tuples.join(', ')}
           ON CONFLICT (${keyNames.map(column).join(', ')}) DO UPDATE SET ${updates.join(', ')}`;
    upserts.set(shape, sql);
  }
  const params: Record<string, unknown> = {};
  rows.forEach((row, r) => {
    for (const [name, value] of Object.entries({ ...row.keys, ...row.fixed, ...row.amounts })) params[`r${r}_${name}`] = value;
  });
  await runSql(manager, sql, params);
}

/**
 * The user was active on `day`: their counts grow, their cohort day is set if it was not, and
 * D1 / D7 are set when `day` is the day after / a week after the cohort day. (SET expressions
 * read the row as it was, so `cohort_day` there is the earlier first day.)
 */
export async function markUserActive(manager: EntityManager, userId: string, day: string, counts: { messages: number; visits: number }): Promise<void> {
  await runSql(
    manager,
    `UPDATE users SET
       message_count = message_count + :messages,
       visit_count = visit_count + :visits,
       d1 = CASE WHEN cohort_day = :dayBefore THEN 1 ELSE d1 END,
       d7 = CASE WHEN cohort_day = :weekBefore THEN 1 ELSE d7 END,
       retained_days = retained_days | ${RETAINED_DAY_BIT},
       cohort_day = COALESCE(cohort_day, :day)
     WHERE id = :userId`,
    { ...counts, day, dayBefore: addDays(day, -1), weekBefore: addDays(day, -7), userId, ...curveDaysBefore(day) },
  );
}

/** The retention curve's days: bit n of `users.retained_days` is day n after the cohort day. */
const CURVE_OFFSETS = Array.from({ length: CURVE_DAYS }, (_, i) => i + 1);

/** The bit for `day` when it is 1 … CURVE_DAYS days after the row's cohort day, else 0. */
const RETAINED_DAY_BIT = `(CASE cohort_day ${CURVE_OFFSETS.map((n) => `WHEN :curve${n} THEN ${2 ** n}`).join(' ')} ELSE 0 END)`;

/** The last day's parameters: nearly every call in a day asks for the same day's. */
let lastCurveDays: { day: string; params: Record<string, string> } | null = null;

function curveDaysBefore(day: string): Record<string, string> {
  if (lastCurveDays?.day !== day) {
    lastCurveDays = { day, params: Object.fromEntries(CURVE_OFFSETS.map((n) => [`curve${n}`, addDays(day, -n)])) };
  }
  return lastCurveDays.params;
}

/**
 * Recomputes every running total from the rows (the migration that introduced them did the same
 * with its own copy; the seed and `seed.js --rebuild-stats` call this). Day by UTC day: each
 * statement counts what happened between two midnights, bound as timestamps. Run it in a
 * transaction.
 */
export async function rebuildStats(manager: EntityManager): Promise<void> {
  for (const table of ['activity_days', 'daily_arm_stats', 'daily_mood_counts', 'daily_job_latencies']) await runSql(manager, `DELETE FROM ${table}`);
  const span = await timeSpan(manager);
  if (span) {
    for (let day = utcDay(span.first); day <= utcDay(span.last); day = addDays(day, 1)) await rebuildDay(manager, day);
  }
  await runSql(
    manager,
    `UPDATE users SET
       message_count = (SELECT COUNT(*) FROM messages m WHERE m.user_id = users.id),
       visit_count = (SELECT COUNT(*) FROM visits v WHERE v.user_id = users.id),
       cohort_day = (SELECT MIN(a.day) FROM activity_days a WHERE a.user_id = users.id),
       d1 = 0,
       d7 = 0,
       retained_days = 0`,
  );
  const cohorts = await runSql<{ day: string }>(manager, 'SELECT DISTINCT cohort_day AS day FROM users WHERE cohort_day IS NOT NULL');
  for (const { day } of cohorts.rows) {
    await runSql(
      manager,
      `UPDATE users SET
         d1 = CASE WHEN EXISTS (SELECT 1 FROM activity_days a WHERE a.user_id = users.id AND a.day = :dayAfter) THEN 1 ELSE 0 END,
         d7 = CASE WHEN EXISTS (SELECT 1 FROM activity_days a WHERE a.user_id = users.id AND a.day = :weekAfter) THEN 1 ELSE 0 END,
         retained_days = ${CURVE_OFFSETS.map((n) => `CASE WHEN EXISTS (SELECT 1 FROM activity_days a WHERE a.user_id = users.id AND a.day = :after${n}) THEN ${2 ** n} ELSE 0 END`).join(' + ')}
       WHERE cohort_day = :day`,
      { day, dayAfter: addDays(day, 1), weekAfter: addDays(day, 7), ...Object.fromEntries(CURVE_OFFSETS.map((n) => [`after${n}`, addDays(day, n)])) },
    );
  }
}

/** The first and last instants any row records, or null on an empty database. */
async function timeSpan(manager: EntityManager): Promise<{ first: Date; last: Date } | null> {
  const columns = [
    ['users', 'created_at'],
    ['visits', 'started_at'],
    ['visits', 'ended_at'],
    ['messages', 'created_at'],
    ['inference_jobs', 'created_at'],
    ['inference_jobs', 'finished_at'],
  ];
  const times: number[] = [];
  for (const [table, column] of columns) {
    const { rows } = await runSql<{ first: unknown; last: unknown }>(manager, `SELECT MIN(${column}) AS first, MAX(${column}) AS last FROM ${table}`);
    for (const value of [rows[0]?.first, rows[0]?.last]) if (value !== null && value !== undefined) times.push(readTimestamp(manager, value).getTime());
  }
  return times.length ? { first: new Date(Math.min(...times)), last: new Date(Math.max(...times)) } : null;
}

/** The totals of one UTC day, from the rows of that day. */
async function rebuildDay(manager: EntityManager, day: string): Promise<void> {
  const span = { day, from: startOfDay(day), to: startOfDay(addDays(day, 1)) };
  const within = (column: string) => `${column} >= :from AND ${column} < :to`;
  await runSql(
    manager,
    `INSERT INTO activity_days (user_id, day, messages, variant)
       SELECT x.user_id, :day, SUM(x.m), MIN(u.variant) FROM (
         SELECT user_id, 0 AS m FROM visits WHERE ${within('started_at')}
         UNION ALL
         SELECT user_id, 1 AS m FROM messages WHERE ${within('created_at')}) x
       JOIN users u ON u.id = x.user_id
       GROUP BY x.user_id`,
    span,
  );
  await runSql(
    manager,
    `INSERT INTO daily_arm_stats (day, variant, new_users, messages, visits, visits_ended, visit_ms)
       SELECT :day, variant, SUM(nu), SUM(m), SUM(v), 0, 0 FROM (
         SELECT variant, 1 AS nu, 0 AS m, 0 AS v FROM users WHERE ${within('created_at')}
         UNION ALL
         SELECT u.variant, 0, 1, 0 FROM messages m JOIN users u ON u.id = m.user_id WHERE ${within('m.created_at')}
         UNION ALL
         SELECT u.variant, 0, 0, 1 FROM visits v JOIN users u ON u.id = v.user_id WHERE ${within('v.started_at')}) x
       GROUP BY variant`,
    span,
  );
  // Ended visits count on the day they ended, with their length in ms, summed as the writer sums them.
  const ended = await runSql<{ variant: DailyArmStat['variant']; started_at: unknown; ended_at: unknown }>(
    manager,
    `SELECT u.variant, v.started_at, v.ended_at FROM visits v JOIN users u ON u.id = v.user_id WHERE ${within('v.ended_at')}`,
    span,
  );
  const byArm = new Map<DailyArmStat['variant'], { visitsEnded: number; visitMs: number }>();
  for (const visit of ended.rows) {
    const arm = byArm.get(visit.variant) ?? { visitsEnded: 0, visitMs: 0 };
    arm.visitsEnded += 1;
    arm.visitMs += Math.max(0, readTimestamp(manager, visit.ended_at).getTime() - readTimestamp(manager, visit.started_at).getTime());
    byArm.set(visit.variant, arm);
  }
  for (const [variant, amounts] of byArm) await addTo(manager, DailyArmStat, { day, variant }, amounts);
  await runSql(
    manager,
    `INSERT INTO daily_mood_counts (day, mood, n) SELECT :day, mood, COUNT(*) FROM messages WHERE ${within('created_at')} GROUP BY mood`,
    span,
  );
  // DONE jobs count on the day they finished; a job stored without its latency gets finished − created.
  const done = await runSql<{ created_at: unknown; finished_at: unknown; latency_ms: number | string | null }>(
    manager,
    `SELECT created_at, finished_at, latency_ms FROM inference_jobs WHERE status = 'DONE' AND ${within('finished_at')}`,
    span,
  );
  const latencies = new Map<number, number>();
  for (const job of done.rows) {
    const latencyMs =
      job.latency_ms !== null ? Number(job.latency_ms) : Math.max(0, readTimestamp(manager, job.finished_at).getTime() - readTimestamp(manager, job.created_at).getTime());
    latencies.set(latencyMs, (latencies.get(latencyMs) ?? 0) + 1);
  }
  for (const [latencyMs, n] of latencies) await addTo(manager, DailyJobLatency, { day, latencyMs }, { n });
}
