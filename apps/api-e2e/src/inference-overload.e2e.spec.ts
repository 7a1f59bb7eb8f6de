import { Message, MoodUpdatedPayload, ServerEvent, Summary } from '@moodlobby/shared';
import { ApiServer, FakeSidecar, LobbyClient, queryDb, sleep, startApi } from '@moodlobby/testing';

const TOKEN = 'e2e-admin-token-overload';
/** The overload bound under test, and a sidecar that answers one text per SIDECAR_MS. */
const BOUND_MS = 4000;
const SIDECAR_MS = 500;
const TIMEOUT_MS = 2000;
/** 20 messages a second for 3 s: ten times what the sidecar keeps up with (2 a second). */
const MESSAGES = 60;
const GAP_MS = 50;

type Ready = { status: number; body: { details: { inference?: { status: string; degraded: boolean; skippedRecently: number; oldestPendingMs: number } } } };

async function ready(server: ApiServer): Promise<Ready> {
  const response = await fetch(`${server.url}/health/ready`);
  return { status: response.status, body: (await response.json()) as Ready['body'] };
}

async function summary(server: ApiServer): Promise<Summary> {
  const response = await fetch(`${server.url}/admin/metrics/summary`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as Summary;
}

describe('inference under overload (a sidecar ten times too slow)', () => {
  let sidecar: FakeSidecar;
  let server: ApiServer;
  let client: LobbyClient;

  afterAll(async () => {
    client?.close();
    await server?.dispose();
    await sidecar?.close();
  });

  it('gives new messages their mood within the bound, skips the ones that aged out, and says so', async () => {
    sidecar = await FakeSidecar.start({ kind: 'ok', mood: 'happy', delayMs: SIDECAR_MS });
    server = await startApi({
      env: {
        SIDECAR_URL: sidecar.url,
        ADMIN_TOKEN: TOKEN,
        RATE_LIMIT_MAX: '1000',
        INFERENCE_POLL_MS: '100',
        INFERENCE_CONCURRENCY: '1',
        INFERENCE_BATCH_SIZE: '1',
        INFERENCE_TIMEOUT_MS: String(TIMEOUT_MS),
        INFERENCE_MAX_BACKLOG_AGE_MS: String(BOUND_MS),
      },
    });
    client = await LobbyClient.connect(server.url);
    await client.start('Flood');
    const calm = await ready(server);
    expect(calm.status).toBe(200);
    expect(calm.body.details.inference).toMatchObject({ status: 'up', degraded: false, skippedRecently: 0 });

    const sent: { message: Message; at: number }[] = [];
    const started = Date.now();
    for (let i = 0; i < MESSAGES; i++) {
      const at = Date.now();
      const ack = await client.send({ text: `message ${i}` });
      if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack)}`);
      sent.push({ message: ack.message, at });
      await sleep(started + (i + 1) * GAP_MS - Date.now());
    }

    // While the backlog ages out, readiness stays 200 (chat works) but reports inference degraded.
    await client.waitFor<MoodUpdatedPayload>(ServerEvent.MoodUpdated, (u) => u.status === 'failed', BOUND_MS + 5000);
    const shedding = await ready(server);
    expect(shedding.status).toBe(200);
    expect(shedding.body.details.inference).toMatchObject({ status: 'up', degraded: true });
    expect(shedding.body.details.inference?.skippedRecently).toBeGreaterThan(0);

    // Every message ends with exactly one update: its mood, or `failed` once it aged out.
    const updates = await Promise.all(
      sent.map(async ({ message, at }) => {
        const update = await client.waitFor<MoodUpdatedPayload>(ServerEvent.MoodUpdated, (u) => u.messageId === message.id, BOUND_MS + 10_000);
        const received = client.received.find((r) => r.event === ServerEvent.MoodUpdated && (r.payload as MoodUpdatedPayload).messageId === message.id);
        return { id: message.id, status: update.status, afterMs: (received?.at ?? Infinity) - at };
      }),
    );
    await client.settle(500);
    const perMessage = new Map<string, number>();
    for (const update of client.all<MoodUpdatedPayload>(ServerEvent.MoodUpdated)) perMessage.set(update.messageId, (perMessage.get(update.messageId) ?? 0) + 1);
    expect([...perMessage.values()].filter((n) => n !== 1)).toEqual([]);

    const done = updates.filter((u) => u.status === 'done');
    const skipped = updates.filter((u) => u.status === 'failed');
    expect(done.length + skipped.length).toBe(MESSAGES);
    expect(skipped.length).toBeGreaterThan(0);
    // Nothing is inferred later than the bound plus one sidecar call, nor skipped much later than the bound.
    for (const update of done) expect(update.afterMs).toBeLessThanOrEqual(BOUND_MS + TIMEOUT_MS + 1000);
    for (const update of skipped) expect(update.afterMs).toBeLessThanOrEqual(BOUND_MS + 1500);
    // Newest first while behind: the last message does not wait behind the backlog.
    const last = updates[updates.length - 1];
    expect(last.status).toBe('done');
    expect(last.afterMs).toBeLessThan(BOUND_MS / 2);

    // The rows agree with what clients were told; nothing is left in the queue.
    const jobs = await queryDb<{ status: string; n: number }>(server.databaseUrl, 'SELECT status, COUNT(*) AS n FROM inference_jobs GROUP BY status ORDER BY status');
    expect(jobs.map((row) => ({ status: row.status, n: Number(row.n) }))).toEqual([
      { status: 'DONE', n: done.length },
      { status: 'SKIPPED', n: skipped.length },
    ]);
    const skippedIds = skipped.map((u) => u.id).sort();
    const failedRows = await queryDb<{ id: string; mood: string }>(server.databaseUrl, "SELECT id, mood FROM messages WHERE mood_status = 'failed' ORDER BY id");
    expect(failedRows).toEqual(skippedIds.map((id) => ({ id, mood: 'neutral' })));

    // The admin shows the skipped count, and the running totals stay exact.
    const { inference, moods } = await summary(server);
    expect(inference.skipped).toBe(skipped.length);
    expect(inference.jobs).toEqual({ PENDING: 0, PROCESSING: 0, DONE: done.length, FAILED: 0 });
    expect(moods).toMatchObject({ happy: done.length, neutral: skipped.length });

    // A bound after the last skip, with the backlog gone, inference is healthy again.
    await sleep(BOUND_MS + 200);
    expect((await ready(server)).body.details.inference).toMatchObject({ status: 'up', degraded: false, skippedRecently: 0, oldestPendingMs: 0 });
  });
});
