import { ClientEvent, MAX_SOCKET_FRAME_BYTES, Message, MessageSendAck, RateLimitedError, ServerEvent } from '@moodlobby/shared';
import { ApiServer, LobbyClient, queryDb, startApi, sleep } from '@moodlobby/testing';

/** One user floods at 100 messages a second over three tabs; two others keep talking. */
const FLOOD_SENDS = 200;
const FLOOD_INTERVAL_MS = 10;
/** Each bystander stays within the default budget (5 per 5 s). */
const BYSTANDER_SENDS = 4;

type Refusal = Extract<MessageSendAck, { ok: false }>;

describe('robustness: one user flooding with default limits', () => {
  let server: ApiServer;
  const clients: LobbyClient[] = [];
  const join = async (nickname: string, token?: string) => {
    const client = await LobbyClient.connect(server.url);
    clients.push(client);
    return { client, ack: await client.start(nickname, token) };
  };

  beforeAll(async () => {
    server = await startApi();
  });
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await server.dispose();
  });

  it('accepts exactly the limit per window across three tabs, refuses the rest with a wait, and delivers everything the others say', async () => {
    const flooder = await join('Flooder');
    const tabs = [flooder.client, (await join('Flooder', flooder.ack.token)).client, (await join('Flooder', flooder.ack.token)).client];
    const alice = await join('Alice');
    const bob = await join('Bob');
    const { max, windowMs } = flooder.ack.limits.rateLimit;
    expect({ max, windowMs }).toEqual({ max: 5, windowMs: 5000 });

    // Alice and Bob talk throughout the flood, well inside their own budgets.
    const talk = async (who: LobbyClient, name: string, offsetMs: number) => {
      await sleep(offsetMs);
      const acks: MessageSendAck[] = [];
      for (let i = 0; i < BYSTANDER_SENDS; i++) {
        acks.push(await who.send({ text: `${name} says ${i}` }));
        await sleep(450);
      }
      return acks;
    };
    const conversation = Promise.all([talk(alice.client, 'Alice', 0), talk(bob.client, 'Bob', 200)]);

    // The flood: one send every 10 ms on an absolute schedule, round robin over the tabs.
    const started = Date.now();
    const sends: Promise<{ tab: number; ack: MessageSendAck }>[] = [];
    for (let i = 0; i < FLOOD_SENDS; i++) {
      const tab = i % tabs.length;
      sends.push(tabs[tab].send({ text: `flood ${i}` }).then((ack) => ({ tab, ack })));
      await sleep(started + (i + 1) * FLOOD_INTERVAL_MS - Date.now());
    }
    const results = await Promise.all(sends);
    const spanMs = Date.now() - started;
    const [aliceAcks, bobAcks] = await conversation;

    const accepted = results.filter((r) => r.ack.ok).map((r) => (r.ack as { message: Message }).message);
    const refused = results.filter((r) => !r.ack.ok);
    // All sends fell in one window (the usual case: about 2 s of a 5 s window) → exactly `max`;
    // otherwise the window slid during the run, and each window's worth is bounded by `max`.
    const windows = Math.ceil(spanMs / windowMs);
    console.log(`flood: ${FLOOD_SENDS} sends in ${spanMs} ms (${windows} window(s)), ${accepted.length} accepted, ${refused.length} refused`);
    if (windows === 1) {
      expect(accepted).toHaveLength(max);
    } else {
      expect(accepted.length).toBeGreaterThanOrEqual(max);
      expect(accepted.length).toBeLessThanOrEqual(max * windows);
    }
    expect(accepted.length + refused.length).toBe(FLOOD_SENDS);

    for (const { ack } of refused) {
      const refusal = ack as Refusal;
      expect(refusal.error).toBe('rate_limited');
      expect(refusal.retryAfterMs).toBeGreaterThan(0);
      expect(refusal.retryAfterMs).toBeLessThanOrEqual(windowMs);
    }
    // Each tab got one error:rate_limited per refused send of its own.
    tabs.forEach((tab, index) => {
      const events = tab.all<RateLimitedError>(ServerEvent.RateLimited);
      expect(events).toHaveLength(refused.filter((r) => r.tab === index).length);
      expect(events.every((e) => e.event === 'message:send' && e.retryAfterMs > 0 && e.retryAfterMs <= windowMs)).toBe(true);
    });

    // Stored: exactly the accepted ones.
    const rows = await queryDb<{ id: string }>(server.databaseUrl, 'SELECT id FROM messages WHERE user_id = ?', flooder.ack.user.id);
    expect(rows.map((r) => r.id).sort()).toEqual(accepted.map((m) => m.id).sort());

    // Alice and Bob were never limited, and each got every line of the other.
    for (const ack of [...aliceAcks, ...bobAcks]) expect(ack.ok).toBe(true);
    const lines = (acks: MessageSendAck[]) => acks.map((ack) => (ack as { message: Message }).message);
    for (const [reader, writer] of [
      [alice.client, lines(bobAcks)],
      [bob.client, lines(aliceAcks)],
    ] as const) {
      for (const message of writer) {
        await expect(reader.waitFor<Message>(ServerEvent.MessageNew, (m) => m.id === message.id, 5_000)).resolves.toEqual(message);
      }
      expect(reader.all(ServerEvent.RateLimited)).toEqual([]);
    }

    // Everyone saw the flooder's accepted messages, and none of the refused ones.
    for (const client of [alice.client, bob.client, ...tabs]) {
      await client.settle(200);
      const seen = client.all<Message>(ServerEvent.MessageNew).filter((m) => m.userId === flooder.ack.user.id);
      expect(seen.map((m) => m.id).sort()).toEqual(accepted.map((m) => m.id).sort());
      expect(client.socket.connected).toBe(true);
    }
  });

  it('spends no rate-limit budget on refused sends: oversized or invalid ones leave the whole window', async () => {
    const { client, ack } = await join('Careful');
    const { max } = ack.limits.rateLimit;
    const refused = await Promise.all([
      client.send({ text: 'x'.repeat(MAX_SOCKET_FRAME_BYTES) }),
      client.send({ text: 'x'.repeat(MAX_SOCKET_FRAME_BYTES * 2) }),
      client.send({ text: '' }),
      client.send({ text: 42 }),
      client.emitWithAck(ClientEvent.MessageSend, 'not an object'),
    ]);
    expect(refused.map((answer) => (answer as Refusal).error)).toEqual(Array(5).fill('invalid_payload'));
    const sends = await Promise.all(Array.from({ length: max + 1 }, (_, i) => client.send({ text: `within budget ${i}` })));
    expect(sends.filter((answer) => answer.ok)).toHaveLength(max);
    expect(sends.filter((answer) => !answer.ok).map((answer) => (answer as Refusal).error)).toEqual(['rate_limited']);
  });
});
