import { Message, MessageSendAck, ServerEvent } from '@moodlobby/shared';
import { ApiServer, count, FakeSidecar, LobbyClient, queryDb, startApi } from '@moodlobby/testing';

const CLIENTS = 50;

/** Sends from every client in rounds until stopped; resolves with the messages that were acked. */
function keepSending(clients: LobbyClient[], stop: { now: boolean }): Promise<Message[]> {
  const acked: Message[] = [];
  const loops = clients.map(async (client, c) => {
    for (let round = 0; !stop.now && client.socket.connected; round++) {
      const ack: MessageSendAck | null = await client.send({ text: `client ${c} round ${round}`, clientMessageId: `c${c}-r${round}` }).catch(() => null);
      if (ack?.ok) acked.push(ack.message);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });
  return Promise.all(loops).then(() => acked);
}

async function joinAll(server: ApiServer): Promise<LobbyClient[]> {
  return Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      const client = await LobbyClient.connect(server.url);
      await client.start(`user ${i}`);
      return client;
    }),
  );
}

describe('stopping the API', () => {
  let sidecar: FakeSidecar;
  let server: ApiServer | undefined;
  let clients: LobbyClient[] = [];

  beforeEach(async () => {
    sidecar = await FakeSidecar.start({ kind: 'ok', delayMs: 3000 });
  });
  afterEach(async () => {
    clients.forEach((client) => client.close());
    clients = [];
    await server?.dispose();
    await sidecar.close();
  });

  it(`exits 0 within 5 s on SIGTERM with ${CLIENTS} clients connected and jobs in flight, losing nothing`, async () => {
    server = await startApi({ env: { SIDECAR_URL: sidecar.url, INFERENCE_POLL_MS: '50', INFERENCE_BATCH_SIZE: '2', RATE_LIMIT_MAX: '100', LOG_LEVEL: 'info' } });
    clients = await joinAll(server);
    const stop = { now: false };
    const sending = keepSending(clients, stop);
    // Let jobs pile up at the slow sidecar.
    const deadline = Date.now() + 10_000;
    while ((await count(server.databaseUrl, 'inference_jobs', "status = 'PROCESSING'")) < 4 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await count(server.databaseUrl, 'inference_jobs', "status = 'PROCESSING'")).toBeGreaterThanOrEqual(4);
    // A few more rounds, so sends are in flight when the signal comes.
    await new Promise((resolve) => setTimeout(resolve, 600));

    const result = await server.stop('SIGTERM');
    stop.now = true;
    const acked = await sending;

    expect(result).toMatchObject({ code: 0, signal: null });
    expect(result.ms).toBeLessThan(5000);
    expect(acked.length).toBeGreaterThan(CLIENTS);
    const stored = new Set((await queryDb<{ id: string }>(server.databaseUrl, 'SELECT id FROM messages')).map((row) => row.id));
    expect(acked.filter((message) => !stored.has(message.id))).toEqual([]);
    expect(await count(server.databaseUrl, 'inference_jobs', "status = 'PROCESSING'")).toBe(0);
    expect(await count(server.databaseUrl, 'visits', 'ended_at IS NULL')).toBe(0);
    expect(clients.filter((client) => client.all(ServerEvent.ShuttingDown).length === 1)).toHaveLength(CLIENTS);
    expect(server.output()).toContain('database checkpointed');
  });

  it('recovers from SIGKILL mid-load: every acked message kept, every job finished', async () => {
    const env = { SIDECAR_URL: sidecar.url, INFERENCE_POLL_MS: '50', INFERENCE_LOCK_TIMEOUT_MS: '1000', RATE_LIMIT_MAX: '100' };
    server = await startApi({ env });
    clients = await joinAll(server);
    const stop = { now: false };
    const sending = keepSending(clients, stop);
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const killed = await server.stop('SIGKILL');
    stop.now = true;
    const acked = await sending;
    expect(killed.signal).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThan(CLIENTS);

    sidecar.mode = { kind: 'ok' };
    const restarted = await server.restart();
    server = restarted;
    const deadline = Date.now() + 30_000;
    const unfinished = () => count(restarted.databaseUrl, 'inference_jobs', "status NOT IN ('DONE', 'FAILED')");
    while ((await unfinished()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));

    const stored = new Set((await queryDb<{ id: string }>(server.databaseUrl, 'SELECT id FROM messages')).map((row) => row.id));
    expect(acked.filter((message) => !stored.has(message.id))).toEqual([]);
    expect(await unfinished()).toBe(0);
    expect(await count(server.databaseUrl, 'inference_jobs', "status = 'DONE'")).toBe(await count(server.databaseUrl, 'messages'));
  });
});
