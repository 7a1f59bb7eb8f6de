import type { EntityManager } from 'typeorm';
import { dialectOf } from './stats.writer';

/**
 * Recomputes every running total of stats.writer.ts from the rows themselves: used by the
 * migration that introduced them, by the seed, and by `seed.js --rebuild-stats` after data was
 * changed by hand. Call it inside a transaction.
 */
export async function rebuildStats(manager: EntityManager): Promise<void> {
  const { day, addDays, durationMs, sqlite } = dialectOf(manager);
  const ms = (start: string, end: string) => (sqlite ? `CAST(ROUND(${durationMs(start, end)}) AS INTEGER)` : `ROUND(${durationMs(start, end)})::bigint`);
  const statements = [
    `DELETE FROM activity_days`,
    `INSERT INTO activity_days (user_id, day, messages, variant)
       SELECT x.user_id, x.d, SUM(x.m), MIN(u.variant) FROM (
         SELECT user_id, ${day('started_at')} AS d, 0 AS m FROM visits
         UNION ALL
         SELECT user_id, ${day('created_at')} AS d, 1 AS m FROM messages) x
       JOIN users u ON u.id = x.user_id
       GROUP BY x.user_id, x.d`,
    `UPDATE users SET
       message_count = (SELECT COUNT(*) FROM messages m WHERE m.user_id = users.id),
       visit_count = (SELECT COUNT(*) FROM visits v WHERE v.user_id = users.id),
       cohort_day = (SELECT MIN(a.day) FROM activity_days a WHERE a.user_id = users.id)`,
    `UPDATE users SET
       d1 = CASE WHEN EXISTS (SELECT 1 FROM activity_days a WHERE a.user_id = users.id AND a.day = ${addDays('users.cohort_day', 1)}) THEN 1 ELSE 0 END,
       d7 = CASE WHEN EXISTS (SELECT 1 FROM activity_days a WHERE a.user_id = users.id AND a.day = ${addDays('users.cohort_day', 7)}) THEN 1 ELSE 0 END`,
    `DELETE FROM daily_arm_stats`,
    `INSERT INTO daily_arm_stats (day, variant, new_users, messages, visits, visits_ended, visit_ms)
       SELECT d, variant, SUM(nu), SUM(m), SUM(v), SUM(ve), SUM(ms) FROM (
         SELECT ${day('created_at')} AS d, variant, 1 AS nu, 0 AS m, 0 AS v, 0 AS ve, 0 AS ms FROM users
         UNION ALL
         SELECT ${day('m.created_at')}, u.variant, 0, 1, 0, 0, 0 FROM messages m JOIN users u ON u.id = m.user_id
         UNION ALL
         SELECT ${day('v.started_at')}, u.variant, 0, 0, 1, 0, 0 FROM visits v JOIN users u ON u.id = v.user_id
         UNION ALL
         SELECT ${day('v.ended_at')}, u.variant, 0, 0, 0, 1, ${ms('v.started_at', 'v.ended_at')}
           FROM visits v JOIN users u ON u.id = v.user_id WHERE v.ended_at IS NOT NULL) x
       GROUP BY d, variant`,
    `DELETE FROM daily_mood_counts`,
    `INSERT INTO daily_mood_counts (day, mood, n) SELECT ${day('created_at')}, mood, COUNT(*) FROM messages GROUP BY ${day('created_at')}, mood`,
    `DELETE FROM daily_job_latencies`,
    `INSERT INTO daily_job_latencies (day, latency_ms, n)
       SELECT ${day('created_at')}, latency_ms, COUNT(*) FROM inference_jobs
        WHERE status = 'DONE' AND latency_ms IS NOT NULL
        GROUP BY ${day('created_at')}, latency_ms`,
  ];
  for (const sql of statements) await manager.query(sql);
}
