import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { MessageSendAck, MoodUpdatedPayload, ServerEvent } from '@moodlobby/shared';
import { ApiServer, execDb, FakeSidecar, LobbyClient, queryDb, startApi, waitForCount } from '@moodlobby/testing';

const SEED = resolve(__dirname, '../../../dist/apps/api/seed.js');

/** Everything the running totals hold, in a stable order (rows that net to zero left out). */
async function totals(databaseUrl: string) {
  return {
    users: await queryDb(databaseUrl, 'SELECT id, message_count, visit_count, cohort_day, d1, d7 FROM users ORDER BY id'),
    activity: await queryDb(databaseUrl, 'SELECT user_id, day, messages FROM activity_days ORDER BY user_id, day'),
    arms: await queryDb(
      databaseUrl,
      'SELECT day, variant, new_users, messages, visits, visits_ended, visit_ms FROM daily_arm_stats ORDER BY day, variant',
    ),
    moods: await queryDb(databaseUrl, 'SELECT day, mood, n FROM daily_mood_counts WHERE n <> 0 ORDER BY day, mood'),
    latencies: await queryDb(databaseUrl, 'SELECT day, latency_ms, n FROM daily_job_latencies WHERE n <> 0 ORDER BY day, latency_ms'),
  };
}

describe('running totals', () => {
  let sidecar: FakeSidecar;
  let server: ApiServer;

  afterAll(async () => {
    await server?.dispose();
    await sidecar?.close();
  });

  it('kept while the lobby runs equal the totals recomputed from the rows', async () => {
    sidecar = await FakeSidecar.start({ kind: 'ok', mood: 'surprised', delayMs: 5 });
    server = await startApi({ env: { SIDECAR_URL: sidecar.url, INFERENCE_POLL_MS: '50', RATE_LIMIT_MAX: '100' } });
    const clients = await Promise.all(['Ann', 'Ben', 'Cid', 'Dee'].map(async (name) => {
      const client = await LobbyClient.connect(server.url);
      return { client, ack: await client.start(name) };
    }));
    // A second tab, a reload (new visit), messages from everyone.
    const tab = await LobbyClient.connect(server.url);
    await tab.start('Ann', clients[0].ack.token);
    const acks: MessageSendAck[] = [];
    for (let round = 0; round < 3; round++) {
      for (const { client } of clients) acks.push(await client.send({ text: `round ${round}` }));
    }
    acks.push(await tab.send({ text: 'from the second tab' }));
    expect(acks.every((ack) => ack.ok)).toBe(true);
    await clients[0].client.waitFor<MoodUpdatedPayload>(ServerEvent.MoodUpdated, () => true);
    await waitForCount(server.databaseUrl, { table: 'inference_jobs', where: "status <> 'DONE'", until: (n) => n === 0 });
    clients.slice(2).forEach(({ client }) => client.close());
    await new Promise((r) => setTimeout(r, 300));
    await server.stop('SIGTERM');

    const kept = await totals(server.databaseUrl);
    expect(kept.users).toHaveLength(4);
    expect(kept.users.map((u) => (u as { message_count: number }).message_count).sort()).toEqual([3, 3, 3, 4]);
    expect(kept.moods).toEqual(expect.arrayContaining([expect.objectContaining({ mood: 'surprised' })]));

    // Wipe every running total, so only a rebuild that really recomputes them can match.
    await execDb(server.databaseUrl, [
      ...['activity_days', 'daily_arm_stats', 'daily_mood_counts', 'daily_job_latencies'].map((table): [string, unknown[]] => [`DELETE FROM ${table}`, []]),
      ['UPDATE users SET message_count = 0, visit_count = 0, cohort_day = NULL, d1 = 0, d7 = 0', []],
    ]);
    expect((await totals(server.databaseUrl)).arms).toEqual([]);
    const rebuilt = spawnSync(process.execPath, [SEED, '--rebuild-stats'], {
      env: { PATH: process.env['PATH'], DATABASE_URL: server.databaseUrl },
      encoding: 'utf8',
    });
    expect(rebuilt.status).toBe(0);
    expect(await totals(server.databaseUrl)).toEqual(kept);
  });
});
