import { randomUUID } from 'node:crypto';
import { Message, MessageSendAck, MoodUpdatedPayload, ServerEvent } from '@moodlobby/shared';
import { ApiServer, dbTime, execDb, FakeSidecar, LobbyClient, queryDb, startApi } from '@moodlobby/testing';

const okMessage = (ack: MessageSendAck): Message => {
  if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack)}`);
  return ack.message;
};

const fastWorker = (sidecar: FakeSidecar, extra: Record<string, string> = {}) => ({
  SIDECAR_URL: sidecar.url,
  INFERENCE_POLL_MS: '50',
  INFERENCE_RETRY_BASE_MS: '250',
  INFERENCE_TIMEOUT_MS: '400',
  RATE_LIMIT_MAX: '100',
  ...extra,
});

type JobRow = { status: string; attempts: number; last_error: string | null; latency_ms: number | null };
const jobOf = async (server: ApiServer, messageId: string) =>
  (await queryDb<JobRow>(server.databaseUrl, 'SELECT status, attempts, last_error, latency_ms FROM inference_jobs WHERE message_id = ?', messageId))[0];

describe('inference worker against a sidecar over HTTP', () => {
  let sidecar: FakeSidecar;
  let server: ApiServer | undefined;
  const clients: LobbyClient[] = [];
  const join = async (nickname: string) => {
    if (!server) throw new Error('start the server first');
    const client = await LobbyClient.connect(server.url);
    clients.push(client);
    await client.start(nickname);
    return client;
  };

  beforeEach(async () => {
    sidecar = await FakeSidecar.start();
  });
  afterEach(async () => {
    clients.splice(0).forEach((client) => client.close());
    await server?.dispose();
    server = undefined;
    await sidecar.close();
  });

  it('delivers a message as neutral/pending, then its mood to everyone, and stores it', async () => {
    server = await startApi({ env: fastWorker(sidecar) });
    const sender = await join('Sender');
    const other = await join('Other');
    const message = okMessage(await sender.send({ text: 'what a great day' }));
    expect(message).toMatchObject({ mood: 'neutral', moodStatus: 'pending', confidence: null });

    const expected: MoodUpdatedPayload = { messageId: message.id, mood: 'happy', confidence: 0.9, status: 'done' };
    for (const client of [sender, other]) {
      await expect(client.waitFor<MoodUpdatedPayload>(ServerEvent.MoodUpdated, (u) => u.messageId === message.id)).resolves.toEqual(expected);
    }
    expect(sidecar.inferredTexts()).toContainEqual(expect.objectContaining({ text: 'what a great day', messageId: message.id }));
    const job = await jobOf(server, message.id);
    expect(job).toMatchObject({ status: 'DONE', attempts: 1, last_error: null });
    expect(job.latency_ms).toBeGreaterThanOrEqual(0);
    expect(await queryDb(server.databaseUrl, 'SELECT mood, mood_status, confidence FROM messages WHERE id = ?', message.id)).toEqual([
      { mood: 'happy', mood_status: 'done', confidence: expect.closeTo(0.9, 5) },
    ]);
    // A later joiner gets the message with its current mood in the history.
    const late = await LobbyClient.connect(server.url);
    clients.push(late);
    const { history } = await late.start('Late');
    expect(history.find((m) => m.id === message.id)).toMatchObject({ mood: 'happy', moodStatus: 'done' });
  });

  it('retries a failing sidecar with growing delays, fails the job after 3 attempts, and recovers', async () => {
    sidecar.mode = { kind: 'status', status: 503 };
    server = await startApi({ env: fastWorker(sidecar) });
    const client = await join('Unlucky');
    const message = okMessage(await client.send({ text: 'will this work?' }));

    const failed = await client.waitFor<MoodUpdatedPayload>(ServerEvent.MoodUpdated, (u) => u.messageId === message.id, 15_000);
    expect(failed).toEqual({ messageId: message.id, mood: 'neutral', confidence: null, status: 'failed' });
    const attempts = sidecar.inferredTexts().filter((call) => call.messageId === message.id);
    expect(attempts).toHaveLength(3);
    const gaps = [attempts[1].at - attempts[0].at, attempts[2].at - attempts[1].at];
    expect(gaps[0]).toBeGreaterThanOrEqual(240);
    expect(gaps[1]).toBeGreaterThanOrEqual(490);
    expect(gaps[1]).toBeGreaterThan(gaps[0]);
    expect(await jobOf(server, message.id)).toMatchObject({ status: 'FAILED', attempts: 3, last_error: expect.stringContaining('HTTP 503') });
    expect(await queryDb(server.databaseUrl, 'SELECT mood, mood_status FROM messages WHERE id = ?', message.id)).toEqual([
      { mood: 'neutral', mood_status: 'failed' },
    ]);

    sidecar.mode = { kind: 'ok', mood: 'surprised', confidence: 0.75 };
    const later = okMessage(await client.send({ text: 'back again!' }));
    await expect(client.waitFor<MoodUpdatedPayload>(ServerEvent.MoodUpdated, (u) => u.messageId === later.id)).resolves.toMatchObject({
      mood: 'surprised',
      status: 'done',
    });
    expect((await jobOf(server, later.id)).status).toBe('DONE');
    // The failed job stays failed; nothing retries it behind the user's back.
    expect(sidecar.inferredTexts().filter((call) => call.messageId === message.id)).toHaveLength(3);
  });

  it.each<[string, FakeSidecar['mode'], string]>([
    ['a timeout', { kind: 'hang' }, 'timed out'],
    ['an invalid body', { kind: 'garbage' }, 'invalid response'],
    ['a network error', { kind: 'ok' }, 'unreachable'],
  ])('counts %s as a failed attempt', async (_name, mode, error) => {
    sidecar.mode = mode;
    const env = fastWorker(sidecar, { INFERENCE_MAX_ATTEMPTS: '1' });
    if (error === 'unreachable') env.SIDECAR_URL = 'http://127.0.0.1:9';
    server = await startApi({ env });
    const client = await join('Failing');
    const message = okMessage(await client.send({ text: 'hello' }));

    await expect(client.waitFor<MoodUpdatedPayload>(ServerEvent.MoodUpdated, (u) => u.messageId === message.id)).resolves.toMatchObject({
      status: 'failed',
    });
    expect(await jobOf(server, message.id)).toMatchObject({ status: 'FAILED', attempts: 1, last_error: expect.stringContaining(error) });
  });

  it('reclaims a job left PROCESSING by a process that died', async () => {
    server = await startApi({ env: fastWorker(sidecar, { INFERENCE_LOCK_TIMEOUT_MS: '2000' }) });
    await server.stop();
    const messageId = randomUUID();
    const userId = randomUUID();
    const long = dbTime(server.databaseUrl, new Date(Date.now() - 60 * 60 * 1000));
    await execDb(server.databaseUrl, [
      [`INSERT INTO users (id, nickname, variant, created_at, last_seen_at) VALUES (?, 'Ghost', 'CONTROL', ?, ?)`, [userId, long, long]],
      [
        `INSERT INTO messages (id, user_id, nickname, text, mood, mood_status, created_at) VALUES (?, ?, 'Ghost', 'left behind', 'neutral', 'pending', ?)`,
        [messageId, userId, long],
      ],
      [
        `INSERT INTO inference_jobs (id, message_id, status, attempts, run_at, locked_at, locked_by, created_at) VALUES (?, ?, 'PROCESSING', 1, ?, ?, 'dead-worker', ?)`,
        [randomUUID(), messageId, long, long, long],
      ],
    ]);

    server = await server.restart();
    const deadline = Date.now() + 10_000;
    while ((await jobOf(server, messageId)).status !== 'DONE' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await jobOf(server, messageId)).toMatchObject({ status: 'DONE', attempts: 2 });
    expect(sidecar.inferredTexts().filter((call) => call.messageId === messageId)).toHaveLength(1);
    expect(await queryDb(server.databaseUrl, 'SELECT mood_status FROM messages WHERE id = ?', messageId)).toEqual([{ mood_status: 'done' }]);
  });
});
