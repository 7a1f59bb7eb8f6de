import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { ApiServer, count, FakeSidecar, startApi } from '@moodlobby/testing';

const JOBS = 1000;

describe('two API processes draining one job table', () => {
  let sidecar: FakeSidecar;
  const servers: ApiServer[] = [];

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.dispose()));
    await sidecar?.close();
  });

  it(`runs each of ${JOBS} jobs exactly once`, async () => {
    sidecar = await FakeSidecar.start({ kind: 'ok', mood: 'sad', delayMs: 3 });
    const env = { SIDECAR_URL: sidecar.url, INFERENCE_POLL_MS: '20', INFERENCE_BATCH_SIZE: '4', INFERENCE_CONCURRENCY: '3' };
    // The first start creates the schema; then the jobs are written while nobody runs.
    const first = await startApi({ env });
    await first.stop();
    const file = first.databaseUrl.slice('sqlite:'.length);
    const db = new Database(file);
    const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
    const userId = randomUUID();
    db.prepare(`INSERT INTO users (id, nickname, variant, created_at, last_seen_at) VALUES (?, 'Bulk', 'CONTROL', ?, ?)`).run(userId, now, now);
    const insert = db.transaction(() => {
      for (let i = 0; i < JOBS; i++) {
        const messageId = randomUUID();
        db.prepare(`INSERT INTO messages (id, user_id, nickname, text, created_at) VALUES (?, ?, 'Bulk', ?, ?)`).run(messageId, userId, `job ${i}`, now);
        db.prepare(`INSERT INTO inference_jobs (id, message_id, run_at, created_at) VALUES (?, ?, ?, ?)`).run(randomUUID(), messageId, now, now);
      }
    });
    insert();
    db.close();

    servers.push(...(await Promise.all([0, 1].map(() => startApi({ env, dataDir: first.dataDir })))));
    const deadline = Date.now() + 60_000;
    while (count(first.databaseUrl, 'inference_jobs', "status = 'DONE'") < JOBS && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    expect(count(first.databaseUrl, 'inference_jobs', "status = 'DONE'")).toBe(JOBS);
    expect(count(first.databaseUrl, 'inference_jobs', 'attempts <> 1')).toBe(0);
    const calls = sidecar.inferredTexts();
    const perMessage = new Map<string, number>();
    for (const call of calls) perMessage.set(call.messageId, (perMessage.get(call.messageId) ?? 0) + 1);
    expect(perMessage.size).toBe(JOBS);
    expect([...perMessage.values()].filter((n) => n !== 1)).toEqual([]);
    // Both processes really took part.
    expect(new Set(calls.map((call) => call.instance)).size).toBe(2);
  });
});
