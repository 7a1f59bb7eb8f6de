import type { DataSource, EntityManager } from 'typeorm';
import { seedData } from '../../seed/seed-data';
import { writeSeed } from '../../seed/write-seed';
import { openTestDataSource } from '../../testing/test-data-source';
import { runSql } from '../platform/database/sql';
import { rebuildStats } from './stats.queries';
import { StatsWriter } from './stats.writer';

/** Every running total, in a stable order (rows that net to zero left out). */
async function totals(manager: EntityManager) {
  const rows = async (sql: string) => (await runSql(manager, sql)).rows;
  return {
    users: await rows('SELECT id, message_count, visit_count, cohort_day, d1, d7, retained_days FROM users ORDER BY id'),
    activity: await rows('SELECT user_id, day, messages, variant FROM activity_days ORDER BY user_id, day'),
    // visit_ms is a bigint: PostgreSQL hands it back as text.
    arms: (await rows('SELECT day, variant, new_users, messages, visits, visits_ended, visit_ms FROM daily_arm_stats ORDER BY day, variant')).map(
      (row) => ({ ...row, visit_ms: Number(row['visit_ms']) }),
    ),
    moods: await rows('SELECT day, mood, n FROM daily_mood_counts WHERE n <> 0 ORDER BY day, mood'),
    latencies: await rows('SELECT day, latency_ms, n FROM daily_job_latencies WHERE n <> 0 ORDER BY day, latency_ms'),
  };
}

/**
 * The totals StatsWriter keeps, write by write, against the ones rebuildStats computes from the
 * rows: the seed dataset (SEED.md) replayed in time order, over a month of UTC days, so cohort
 * days and D1/D7 flags are set the way a running lobby sets them. On a real database
 * (PostgreSQL under test:postgres).
 */
describe('StatsWriter', () => {
  let dataSource: DataSource;
  let dispose: () => Promise<void>;
  const data = seedData(new Date('2026-10-01T00:00:00Z'));
  let rebuilt: Awaited<ReturnType<typeof totals>>;

  beforeAll(async () => {
    ({ dataSource, dispose } = await openTestDataSource());
    await writeSeed(dataSource, data);
    rebuilt = await totals(dataSource.manager);
  });
  afterAll(() => dispose());

  // Up to `group` messages stored back to back are written as one group, as chat's group commit does.
  it.each([1, 6])('keeps the same totals as a rebuild from the rows (messages stored in groups of up to %i)', async (group) => {
    expect(rebuilt.users.filter((user) => user['d7'] === 1)).toHaveLength(12);
    // The curve's bits agree with the D1 / D7 flags they include.
    for (const user of rebuilt.users) {
      expect((Number(user['retained_days']) >> 1) & 1).toBe(Number(user['d1']));
      expect((Number(user['retained_days']) >> 7) & 1).toBe(Number(user['d7']));
    }
    expect(rebuilt.users.some((user) => (Number(user['retained_days']) & ~(2 | 128)) !== 0)).toBe(true);

    const writer = new StatsWriter();
    const variants = new Map(data.users.map((user) => [user.id, user.variant]));
    const variantOf = (userId: string) => {
      const variant = variants.get(userId);
      if (!variant) throw new Error(`no user ${userId}`);
      return variant;
    };
    const jobOf = new Map(data.jobs.map((job) => [job.messageId, job]));
    type Stored = { userId: string; variant: ReturnType<typeof variantOf>; at: Date };
    const events: { at: Date; write: (manager: EntityManager) => Promise<void>; stored?: Stored }[] = [
      ...data.users.map((user) => ({ at: user.createdAt, write: (m: EntityManager) => writer.userCreated(m, user.variant, user.createdAt) })),
      ...data.visits.flatMap((visit) => {
        const variant = variantOf(visit.userId);
        const started = { at: visit.startedAt, write: (m: EntityManager) => writer.visitStarted(m, visit.userId, variant, visit.startedAt) };
        const endedAt = visit.endedAt;
        return endedAt ? [started, { at: endedAt, write: (m: EntityManager) => writer.visitEnded(m, variant, visit.startedAt, endedAt) }] : [started];
      }),
      ...data.messages.flatMap((message) => {
        const one = { userId: message.userId, variant: variantOf(message.userId), at: message.createdAt };
        const stored = { at: message.createdAt, write: (m: EntityManager) => writer.messagesStored(m, [one]), stored: one };
        const job = jobOf.get(message.id);
        if (job?.status !== 'DONE' || job.finishedAt === null || job.latencyMs === null) return [stored];
        const latencyMs = job.latencyMs;
        const done = (m: EntityManager) => writer.jobsDone(m, job.finishedAt as Date, [{ messageCreatedAt: message.createdAt, mood: message.mood, latencyMs }]);
        return [stored, { at: job.finishedAt, write: done }];
      }),
    ];
    events.sort((a, b) => a.at.getTime() - b.at.getTime());

    await dataSource.transaction(async (manager) => {
      for (const table of ['activity_days', 'daily_arm_stats', 'daily_mood_counts', 'daily_job_latencies']) await runSql(manager, `DELETE FROM ${table}`);
      await runSql(manager, 'UPDATE users SET message_count = 0, visit_count = 0, cohort_day = NULL, d1 = 0, d7 = 0, retained_days = 0');
      let pending: Stored[] = [];
      const flush = async () => {
        if (pending.length > 0) await writer.messagesStored(manager, pending);
        pending = [];
      };
      for (const event of events) {
        if (!event.stored) {
          await flush();
          await event.write(manager);
        } else if (group === 1) {
          await event.write(manager);
        } else {
          pending.push(event.stored);
          if (pending.length === group) await flush();
        }
      }
      await flush();
    });
    expect(await totals(dataSource.manager)).toEqual(rebuilt);
    // About 1,300 statements: a few seconds on PostgreSQL when the machine is busy.
  }, 30_000);

  it('counts a batch of finished jobs as it counts the same jobs one by one', async () => {
    const finishedAt = new Date('2026-10-04T00:00:01.000Z');
    const jobs = [
      { messageCreatedAt: new Date('2026-10-03T23:59:59.500Z'), mood: 'happy' as const, latencyMs: 1500 },
      { messageCreatedAt: new Date('2026-10-03T23:59:59.500Z'), mood: 'happy' as const, latencyMs: 1500 },
      { messageCreatedAt: new Date('2026-10-04T00:00:00.500Z'), mood: 'neutral' as const, latencyMs: 500 },
      { messageCreatedAt: new Date('2026-10-04T00:00:00.800Z'), mood: 'sad' as const, latencyMs: 200 },
      { messageCreatedAt: new Date('2026-10-03T23:59:59.900Z'), mood: 'angry' as const, latencyMs: 1100 },
    ];
    const writer = new StatsWriter();
    /** The totals after `write`, rolled back. */
    const after = async (write: (manager: EntityManager) => Promise<void>) => {
      let seen: Awaited<ReturnType<typeof totals>> | undefined;
      await dataSource
        .transaction(async (manager) => {
          await write(manager);
          seen = await totals(manager);
          throw new Error('roll back');
        })
        .catch((error: unknown) => {
          if (!(error instanceof Error) || error.message !== 'roll back') throw error;
        });
      if (!seen) throw new Error('no totals');
      return seen;
    };
    const batched = await after((manager) => writer.jobsDone(manager, finishedAt, jobs));
    const oneByOne = await after(async (manager) => {
      for (const job of jobs) await writer.jobsDone(manager, finishedAt, [job]);
    });
    expect(batched).toEqual(oneByOne);
    // And they moved what they should: 4 moods out of neutral over two days, 4 latencies.
    const before = await totals(dataSource.manager);
    expect(batched).not.toEqual(before);
    const n = (rows: Record<string, unknown>[], match: (row: Record<string, unknown>) => boolean) => rows.filter(match).reduce((sum, row) => sum + Number(row['n']), 0);
    const neutral = (rows: Record<string, unknown>[]) => n(rows, (row) => row['mood'] === 'neutral');
    expect(neutral(before.moods) - neutral(batched.moods)).toBe(4);
    const latencyCount = (rows: Record<string, unknown>[], ms: number) => n(rows, (row) => row['day'] === '2026-10-04' && Number(row['latency_ms']) === ms);
    expect([1500, 500, 200, 1100].map((ms) => latencyCount(batched.latencies, ms) - latencyCount(before.latencies, ms))).toEqual([2, 1, 1, 1]);
  });

  it('rebuilds a DONE job stored without its latency from finished_at − created_at, on the day it finished', async () => {
    const { rows } = await runSql<{ id: string }>(dataSource.manager, `SELECT id FROM inference_jobs WHERE status = 'DONE' ORDER BY id LIMIT 1`);
    const jobId = rows[0].id;
    const createdAt = new Date('2026-10-03T23:59:59.000Z');
    const finishedAt = new Date('2026-10-04T00:00:01.250Z');
    await dataSource.transaction(async (manager) => {
      await runSql(manager, 'UPDATE inference_jobs SET created_at = :createdAt, finished_at = :finishedAt, latency_ms = NULL WHERE id = :jobId', { createdAt, finishedAt, jobId });
      await rebuildStats(manager);
    });
    const latencies = await runSql<{ n: number | string }>(
      dataSource.manager,
      `SELECT n FROM daily_job_latencies WHERE day = '2026-10-04' AND latency_ms = 2250`,
    );
    expect(latencies.rows.map((row) => Number(row.n))).toEqual([1]);
  });
});
