import { Message, MessageSendAck, PresenceUpdatePayload, ServerEvent } from '@moodlobby/shared';
import { ApiServer, LobbyClient, startApi, TEST_DATABASE } from '@moodlobby/testing';

/**
 * Two API processes behind one lobby: PostgreSQL for data, Redis for broadcasts, presence and
 * rate limits. Runs in `npm run test:postgres` (not in the SQLite run: it needs both servers).
 */
describe('two API processes sharing PostgreSQL and Redis', () => {
  const redisUrl = process.env['TEST_REDIS_URL'];
  let first: ApiServer;
  let second: ApiServer;
  const clients: LobbyClient[] = [];
  const connect = async (server: ApiServer) => {
    const client = await LobbyClient.connect(server.url);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    if (TEST_DATABASE !== 'postgres' || !redisUrl) throw new Error('run with tools/test-services.sh run … (TEST_DATABASE=postgres, TEST_REDIS_URL)');
    first = await startApi({ env: { REDIS_URL: redisUrl, SESSION_SECRET: 'shared-secret-for-both-processes' } });
    second = await startApi({ env: { REDIS_URL: redisUrl, SESSION_SECRET: 'shared-secret-for-both-processes', DATABASE_URL: first.databaseUrl } });
  });
  afterEach(() => clients.splice(0).forEach((client) => client.close()));
  afterAll(async () => {
    await second?.dispose();
    await first?.dispose();
  });

  it('delivers messages and presence across processes', async () => {
    const alice = await connect(first);
    const bob = await connect(second);
    const aliceAck = await alice.start('Alice');
    const bobAck = await bob.start('Bob');

    expect(bobAck.presence.map((u) => u.id)).toContain(aliceAck.user.id);
    await expect(alice.waitFor<PresenceUpdatePayload>(ServerEvent.PresenceUpdate, (u) => u.users.some((x) => x.id === bobAck.user.id))).resolves.toBeTruthy();

    const hello = await alice.send({ text: 'hello from the first process' });
    const reply = await bob.send({ text: 'hi from the second' });
    if (!hello.ok || !reply.ok) throw new Error('send refused');
    await expect(bob.waitFor<Message>(ServerEvent.MessageNew, (m) => m.id === hello.message.id)).resolves.toMatchObject({ nickname: 'Alice' });
    await expect(alice.waitFor<Message>(ServerEvent.MessageNew, (m) => m.id === reply.message.id)).resolves.toMatchObject({ nickname: 'Bob' });

    // A joiner on either process sees the history written by both.
    const late = await connect(first);
    const { history } = await late.start('Late');
    expect(history.map((m) => m.id)).toEqual(expect.arrayContaining([hello.message.id, reply.message.id]));

    bob.close();
    await expect(alice.waitFor<PresenceUpdatePayload>(ServerEvent.PresenceUpdate, (u) => !u.users.some((x) => x.id === bobAck.user.id))).resolves.toBeTruthy();
  });

  it('keeps one user one presence entry and one rate-limit budget across processes', async () => {
    const tab1 = await connect(first);
    const { user, token } = await tab1.start('Carol');
    const tab2 = await connect(second);
    const ack = await tab2.start('Carol', token);
    expect(ack.user.id).toBe(user.id);
    expect(ack.presence.filter((u) => u.id === user.id)).toHaveLength(1);

    const acks: MessageSendAck[] = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? tab2 : tab1).send({ text: `flood ${i}` })));
    expect(acks.filter((a) => a.ok)).toHaveLength(5);
    expect(acks.filter((a) => !a.ok).map((a) => (a.ok ? null : a.error))).toEqual(['rate_limited', 'rate_limited', 'rate_limited']);

    // Closing one tab keeps Carol online on the other process.
    const watcher = await connect(second);
    await watcher.start('Watcher');
    tab1.close();
    await watcher.settle(400);
    const latest = watcher.all<PresenceUpdatePayload>(ServerEvent.PresenceUpdate).at(-1);
    expect(latest?.users.some((u) => u.id === user.id)).toBe(true);
  });
});
