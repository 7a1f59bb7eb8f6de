import { randomUUID } from 'node:crypto';
import { ApiServer, count, dbTime, execDb, FakeSidecar, startApi, waitForCount } from '@moodlobby/testing';

const JOBS = 1000;

describe('two API processes draining one job table', () => {
  let sidecar: FakeSidecar;
  const servers: ApiServer[] = [];

  afterAll(async () => {
    // The first server owns the database; the two that shared it are disposed before it.
    await Promise.all(servers.slice(1).map((server) => server.dispose()));
    await servers[0]?.dispose();
    await sidecar?.close();
  });

  it(`runs each of ${JOBS} jobs exactly once`, async () => {
    sidecar = await FakeSidecar.start({ kind: 'ok', mood: 'sad', delayMs: 3 });
    // Exactly-once, not overload: no job here may age out of the backlog bound while the two drain.
    const env = { SIDECAR_URL: sidecar.url, INFERENCE_POLL_MS: '20', INFERENCE_BATCH_SIZE: '4', INFERENCE_CONCURRENCY: '3', INFERENCE_MAX_BACKLOG_AGE_MS: '600000' };
    // The first start creates the schema; then the jobs are written while nobody runs.
    const first = await startApi({ env });
    servers.push(first);
    await first.stop();
    const now = dbTime(first.databaseUrl, new Date());
    const userId = randomUUID();
    const rows: [string, unknown[]][] = [[`INSERT INTO users (id, nickname, variant, created_at, last_seen_at) VALUES (?, 'Bulk', 'CONTROL', ?, ?)`, [userId, now, now]]];
    for (let i = 0; i < JOBS; i++) {
      const messageId = randomUUID();
      rows.push([`INSERT INTO messages (id, user_id, nickname, text, created_at) VALUES (?, ?, 'Bulk', ?, ?)`, [messageId, userId, `job ${i}`, now]]);
      rows.push([`INSERT INTO inference_jobs (id, message_id, run_at, created_at) VALUES (?, ?, ?, ?)`, [randomUUID(), messageId, now, now]]);
    }
    await execDb(first.databaseUrl, rows);

    const shared = { ...env, DATABASE_URL: first.databaseUrl };
    servers.push(...(await Promise.all([0, 1].map(() => startApi({ env: shared, dataDir: first.dataDir })))));
    await expect(
      waitForCount(first.databaseUrl, { table: 'inference_jobs', where: "status = 'DONE'", until: (n) => n >= JOBS, timeoutMs: 60_000 }),
    ).resolves.toBe(JOBS);
    expect(await count(first.databaseUrl, 'inference_jobs', 'attempts <> 1')).toBe(0);
    const calls = sidecar.inferredTexts();
    const perMessage = new Map<string, number>();
    for (const call of calls) perMessage.set(call.messageId, (perMessage.get(call.messageId) ?? 0) + 1);
    expect(perMessage.size).toBe(JOBS);
    expect([...perMessage.values()].filter((n) => n !== 1)).toEqual([]);
    // Both processes really took part.
    expect(new Set(calls.map((call) => call.instance)).size).toBe(2);
  });
});
