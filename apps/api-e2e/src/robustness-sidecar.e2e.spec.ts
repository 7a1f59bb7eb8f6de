import { Message, MoodUpdatedPayload, ServerEvent } from '@moodlobby/shared';
import { ApiServer, count, freePort, LobbyClient, queryDb, SidecarProcess, startApi, startSidecar, sleep } from '@moodlobby/testing';

const MAX_ATTEMPTS = 3;
const TIMEOUT_MS = 500;
/** Retries after 150 ms, then 300 ms: a job fails for good about half a second into an outage. */
const WORKER = {
  INFERENCE_POLL_MS: '50',
  INFERENCE_RETRY_BASE_MS: '150',
  INFERENCE_TIMEOUT_MS: String(TIMEOUT_MS),
  INFERENCE_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
  RATE_LIMIT_MAX: '1000',
};
const CLIENTS = 4;
const SEND_EVERY_MS = 150;
const UP_MS = 1_200;
const DOWN_MS = 2_000;

type JobRow = { message_id: string; status: string; attempts: number; last_error: string | null; finished_at: string | Date | null };

/** A timestamp column: UTC text on SQLite, a Date on PostgreSQL. */
const millis = (value: string | Date) => (value instanceof Date ? value.getTime() : Date.parse(`${value.replace(' ', 'T')}Z`));

describe('robustness: the sidecar killed under load', () => {
  let sidecar: SidecarProcess | undefined;
  let server: ApiServer;
  const clients: LobbyClient[] = [];

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await server?.dispose();
    await sidecar?.stop('SIGKILL');
  });

  it('delivers and stores every message, and ends every job DONE or FAILED (only those that used every attempt in the outage)', async () => {
    const port = await freePort();
    sidecar = await startSidecar({ port });
    server = await startApi({ env: { SIDECAR_URL: sidecar.url, ...WORKER } });
    for (let i = 0; i < CLIENTS; i++) {
      const client = await LobbyClient.connect(server.url);
      await client.start(`Steady ${i}`);
      clients.push(client);
    }

    // Every client sends steadily until told to stop.
    let sending = true;
    const sent: Message[] = [];
    const refusals: unknown[] = [];
    const senders = clients.map(async (client, i) => {
      for (let n = 0; sending; n++) {
        const ack = await client.send({ text: `client ${i} line ${n}`, clientMessageId: `c${i}-${n}` });
        if (ack.ok) sent.push(ack.message);
        else refusals.push(ack);
        await sleep(SEND_EVERY_MS);
      }
    });

    await sleep(UP_MS);
    const killedAt = Date.now();
    await expect(sidecar.stop('SIGKILL')).resolves.toMatchObject({ signal: 'SIGKILL' });
    await sleep(DOWN_MS);
    sidecar = await startSidecar({ port });
    const backAt = Date.now();
    await sleep(UP_MS);
    sending = false;
    await Promise.all(senders);
    expect(refusals).toEqual([]);

    // Every acked message reached every client and is stored.
    for (const client of clients) {
      for (const message of sent) {
        await expect(client.waitFor<Message>(ServerEvent.MessageNew, (m) => m.id === message.id, 5_000)).resolves.toMatchObject({ id: message.id });
      }
    }
    const ids = new Set(sent.map((m) => m.id));
    const stored = await queryDb<{ id: string }>(server.databaseUrl, 'SELECT id FROM messages');
    expect(new Set(stored.map((row) => row.id))).toEqual(ids);

    // Within a bounded wait, no job is left PENDING or PROCESSING.
    const deadline = Date.now() + 20_000;
    while ((await count(server.databaseUrl, 'inference_jobs', "status IN ('PENDING', 'PROCESSING')")) > 0 && Date.now() < deadline) await sleep(100);
    const jobs = await queryDb<JobRow>(server.databaseUrl, 'SELECT message_id, status, attempts, last_error, finished_at FROM inference_jobs');
    expect(jobs).toHaveLength(sent.length);
    expect(jobs.filter((job) => job.status !== 'DONE' && job.status !== 'FAILED')).toEqual([]);

    // FAILED only after every attempt, each of them in the outage: the last one ended after the
    // kill and began before the sidecar answered again (so it ended at most a timeout later).
    const failed = jobs.filter((job) => job.status === 'FAILED');
    for (const job of failed) {
      expect(job).toMatchObject({ attempts: MAX_ATTEMPTS, last_error: expect.stringMatching(/unreachable|timed out|HTTP 5/) });
      const finished = millis(job.finished_at as string | Date);
      expect(finished).toBeGreaterThanOrEqual(killedAt - 50);
      expect(finished).toBeLessThanOrEqual(backAt + TIMEOUT_MS + 1_000);
    }
    const done = jobs.filter((job) => job.status === 'DONE');
    const retried = done.filter((job) => job.attempts > 1);
    console.log(
      `sidecar outage: ${sent.length} messages from ${CLIENTS} clients; jobs ${done.length} DONE (${retried.length} after a retry), ${failed.length} FAILED; ` +
        `outage ${backAt - killedAt} ms`,
    );
    // The outage mattered: some jobs gave up in it, and some made it through after a retry.
    expect(failed.length).toBeGreaterThan(0);
    expect(retried.length).toBeGreaterThan(0);
    expect(done.every((job) => job.attempts <= MAX_ATTEMPTS && job.last_error === null)).toBe(true);

    // Every client heard the final mood of every message, matching what is stored.
    const statusOf = new Map(jobs.map((job) => [job.message_id, job.status === 'DONE' ? 'done' : 'failed']));
    for (const client of clients) {
      for (const message of sent) {
        const update = await client.waitFor<MoodUpdatedPayload>(ServerEvent.MoodUpdated, (u) => u.messageId === message.id, 5_000);
        expect(update.status).toBe(statusOf.get(message.id));
      }
    }
    const moods = await queryDb<{ id: string; mood_status: string }>(server.databaseUrl, 'SELECT id, mood_status FROM messages');
    expect(moods.every((row) => row.mood_status === statusOf.get(row.id))).toBe(true);
  });
});
