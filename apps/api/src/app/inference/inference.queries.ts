import type { EntityManager } from 'typeorm';
import { insertRows, runSql, skipLockedRows } from '../platform/database/sql';

/** A row a claim returns: `created_at` as the driver gives it (read it with readTimestamp). */
export interface ClaimedRow {
  id: string;
  message_id: string;
  attempts: number | string;
  created_at: unknown;
}

/**
 * The inference module's hand-written SQL, written once for SQLite and PostgreSQL: the claim
 * (an atomic `UPDATE … RETURNING`, which the QueryBuilder cannot run on SQLite) and the hot
 * `DONE` transition, with every value bound.
 */

/**
 * Claims up to `limit` jobs matching `where` (oldest by `order` first) for `workerId`, counting the
 * attempt, in one statement: SQLite runs it under its write lock; PostgreSQL skips rows other
 * claimers hold (`FOR UPDATE SKIP LOCKED`).
 */
async function claimWhere(
  manager: EntityManager,
  where: string,
  order: string,
  params: { workerId: string; now: Date; limit: number } & Record<string, unknown>,
): Promise<ClaimedRow[]> {
  const { rows } = await runSql<ClaimedRow>(
    manager,
    `UPDATE inference_jobs
        SET status = 'PROCESSING', locked_at = :now, locked_by = :workerId, attempts = attempts + 1
      WHERE id IN (SELECT id FROM inference_jobs WHERE ${where} ORDER BY ${order} LIMIT :limit ${skipLockedRows(manager)})
     RETURNING id, message_id, attempts, created_at`,
    params,
  );
  return rows;
}

/**
 * PENDING jobs whose time has come and whose message is not older than `expiredBefore` (those
 * are skipped, never inferred late), read straight off the (status, run_at) index: the longest
 * due first, or the newest first when the worker is behind (`newestFirst`), so fresh messages
 * get their mood while the backlog ages out.
 */
export function claimDue(
  manager: EntityManager,
  workerId: string,
  now: Date,
  limit: number,
  expiredBefore: Date,
  newestFirst: boolean,
): Promise<ClaimedRow[]> {
  return claimWhere(manager, `status = 'PENDING' AND run_at <= :now AND created_at >= :expiredBefore`, newestFirst ? 'run_at DESC' : 'run_at', {
    workerId,
    now,
    limit,
    expiredBefore,
  });
}

/** A job the overload bound took out of the queue. */
export interface SkippedRow {
  id: string;
  message_id: string;
}

/**
 * Marks up to `limit` PENDING jobs created before `expiredBefore` SKIPPED, oldest first (the
 * (status, created_at) index), in one statement; returns them so their messages can follow.
 */
export async function skipExpired(manager: EntityManager, now: Date, expiredBefore: Date, limit: number): Promise<SkippedRow[]> {
  const { rows } = await runSql<SkippedRow>(
    manager,
    `UPDATE inference_jobs
        SET status = 'SKIPPED', finished_at = :now, last_error = 'skipped: older than the backlog bound'
      WHERE id IN (SELECT id FROM inference_jobs WHERE status = 'PENDING' AND created_at < :expiredBefore ORDER BY created_at LIMIT :limit ${skipLockedRows(manager)})
     RETURNING id, message_id`,
    { now, expiredBefore, limit },
  );
  return rows;
}

/** PROCESSING jobs locked before `staleBefore`: their process died. */
export function claimStale(manager: EntityManager, workerId: string, now: Date, staleBefore: Date, limit: number): Promise<ClaimedRow[]> {
  return claimWhere(manager, `status = 'PROCESSING' AND locked_at < :staleBefore`, 'locked_at', { workerId, now, staleBefore, limit });
}

/** One `markDone` text per number of jobs, built once. */
const doneStatements = new Map<number, string>();

/**
 * Marks jobs DONE, each with its latency, if `workerId` still holds them, in one statement;
 * returns the ids it marked (a job reclaimed by another worker is left alone and missing).
 */
export async function markDone(manager: EntityManager, jobs: { jobId: string; latencyMs: number }[], workerId: string, now: Date): Promise<Set<string>> {
  if (jobs.length === 0) return new Set();
  let sql = doneStatements.get(jobs.length);
  if (!sql) {
    const ids = jobs.map((_job, i) => `:j${i}`);
    sql = `UPDATE inference_jobs
              SET status = 'DONE', finished_at = :now, latency_ms = CASE id ${ids.map((id, i) => `WHEN ${id} THEN CAST(:l${i} AS INTEGER)`).join(' ')} END,
                  locked_at = NULL, locked_by = NULL, last_error = NULL
            WHERE id IN (${ids.join(', ')}) AND status = 'PROCESSING' AND locked_by = :workerId
           RETURNING id`;
    doneStatements.set(jobs.length, sql);
  }
  const params: Record<string, unknown> = { now, workerId };
  jobs.forEach((job, i) => {
    params[`j${i}`] = job.jobId;
    params[`l${i}`] = job.latencyMs;
  });
  const { rows } = await runSql<{ id: string }>(manager, sql, params);
  return new Set(rows.map((row) => row.id));
}

/**
 * New PENDING jobs, due at once, for messages stored in the same transaction: one statement for
 * the group (the other columns take their defaults: NULL, no attempt yet).
 */
export function insertJobs(manager: EntityManager, jobs: { id: string; messageId: string; createdAt: Date }[]): Promise<void> {
  return insertRows(
    manager,
    'inference_jobs',
    ['id', 'message_id', 'status', 'attempts', 'run_at', 'created_at'],
    jobs.map((job) => [job.id, job.messageId, 'PENDING', 0, job.createdAt, job.createdAt]),
  );
}
