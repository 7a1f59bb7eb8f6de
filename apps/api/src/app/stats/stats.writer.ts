import type { EntityManager } from 'typeorm';
import { utcDay, type Mood, type Variant } from '@moodlobby/shared';
import { postgresDialect, SqlDialect, sqliteDialect } from '../platform/database/sql-dialect';

/**
 * The running totals behind the experiment readout, kept up to date in the same transaction as
 * the write they count (rebuild-stats.ts recomputes them from the rows, with the same meaning):
 *
 * - `users`: message_count, visit_count, cohort_day (first active day), d1/d7 (active on
 *   cohort day + 1 / + 7);
 * - `activity_days`: one row per user per active UTC day, with that day's message count and the arm;
 * - `daily_arm_stats` (day, arm): new users, messages, visits started, visits ended and their ms;
 * - `daily_mood_counts` (day of the message, mood);
 * - `daily_job_latencies` (day the job was created, latency ms): DONE jobs.
 */

export function dialectOf(manager: EntityManager): SqlDialect {
  return manager.connection.options.type === 'postgres' ? postgresDialect : sqliteDialect;
}

/**
 * `INSERT … ON CONFLICT (keys) DO UPDATE SET col = col + excluded.col` (SQLite and PostgreSQL
 * alike); `fixed` columns are only written with a new row.
 */
async function addTo(
  manager: EntityManager,
  table: string,
  keys: Record<string, unknown>,
  amounts: Record<string, number>,
  fixed: Record<string, unknown> = {},
): Promise<void> {
  const dialect = dialectOf(manager);
  const columns = [...Object.keys(keys), ...Object.keys(fixed), ...Object.keys(amounts)];
  const values = [...Object.values(keys), ...Object.values(fixed), ...Object.values(amounts)];
  const updates = Object.keys(amounts).map((column) => `${column} = ${table}.${column} + excluded.${column}`);
  await manager.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values.map((_, i) => dialect.param(i + 1)).join(', ')})
     ON CONFLICT (${Object.keys(keys).join(', ')}) DO UPDATE SET ${updates.join(', ')}`,
    values,
  );
}

/** The user was active on `day`: their activity row, their counts, their cohort and D1/D7 flags. */
async function markActive(
  manager: EntityManager,
  userId: string,
  variant: Variant,
  day: string,
  counts: { messages: number; visits: number },
): Promise<void> {
  const dialect = dialectOf(manager);
  await addTo(manager, 'activity_days', { user_id: userId, day }, { messages: counts.messages }, { variant });
  // SET expressions read the row as it was, so cohort_day below is the earlier first day.
  await manager.query(
    `UPDATE users SET
       message_count = message_count + ${dialect.param(1)},
       visit_count = visit_count + ${dialect.param(2)},
       d1 = CASE WHEN cohort_day IS NOT NULL AND ${dialect.addDays('cohort_day', 1)} = ${dialect.param(3)} THEN 1 ELSE d1 END,
       d7 = CASE WHEN cohort_day IS NOT NULL AND ${dialect.addDays('cohort_day', 7)} = ${dialect.param(4)} THEN 1 ELSE d7 END,
       cohort_day = COALESCE(cohort_day, ${dialect.param(5)})
     WHERE id = ${dialect.param(6)}`,
    [counts.messages, counts.visits, day, day, day, userId],
  );
}

export async function userCreated(manager: EntityManager, variant: Variant, at: Date): Promise<void> {
  await addTo(manager, 'daily_arm_stats', { day: utcDay(at), variant }, { new_users: 1 });
}

export async function visitStarted(manager: EntityManager, userId: string, variant: Variant, at: Date): Promise<void> {
  await markActive(manager, userId, variant, utcDay(at), { messages: 0, visits: 1 });
  await addTo(manager, 'daily_arm_stats', { day: utcDay(at), variant }, { visits: 1 });
}

/** Counted on the day the visit ended (only ended visits have a length). */
export async function visitEnded(manager: EntityManager, variant: Variant, startedAt: Date, endedAt: Date): Promise<void> {
  const ms = Math.max(0, endedAt.getTime() - startedAt.getTime());
  await addTo(manager, 'daily_arm_stats', { day: utcDay(endedAt), variant }, { visits_ended: 1, visit_ms: ms });
}

/** A stored message: active that day, one more message for the user and the arm, one more `neutral`. */
export async function messageStored(manager: EntityManager, userId: string, variant: Variant, at: Date): Promise<void> {
  await markActive(manager, userId, variant, utcDay(at), { messages: 1, visits: 0 });
  await addTo(manager, 'daily_arm_stats', { day: utcDay(at), variant }, { messages: 1 });
  await addTo(manager, 'daily_mood_counts', { day: utcDay(at), mood: 'neutral' }, { n: 1 });
}

/** The message's mood is known: it moves from `neutral` to `mood` on the message's day. */
export async function moodInferred(manager: EntityManager, messageCreatedAt: Date, mood: Mood): Promise<void> {
  if (mood === 'neutral') return;
  const day = utcDay(messageCreatedAt);
  await addTo(manager, 'daily_mood_counts', { day, mood: 'neutral' }, { n: -1 });
  await addTo(manager, 'daily_mood_counts', { day, mood }, { n: 1 });
}

export async function jobDone(manager: EntityManager, jobCreatedAt: Date, latencyMs: number): Promise<void> {
  await addTo(manager, 'daily_job_latencies', { day: utcDay(jobCreatedAt), latency_ms: latencyMs }, { n: 1 });
}
