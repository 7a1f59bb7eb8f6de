import { randomUUID } from 'node:crypto';
import {
  ClientEvent,
  HistoryBeforeAck,
  InvalidPayloadError,
  MAX_HISTORY_PAGE_SIZE,
  Message,
  MessageSendAck,
  RateLimitedError,
  ServerEvent,
  SessionRequiredError,
} from '@moodlobby/shared';
import { ApiServer, startApi, count, dbTime, execDb, queryDb, LobbyClient } from '@moodlobby/testing';

const before = (client: LobbyClient, payload: unknown) => client.emitWithAck(ClientEvent.HistoryBefore, payload) as Promise<HistoryBeforeAck>;

function page(ack: HistoryBeforeAck): { messages: Message[]; hasMore: boolean } {
  if (!ack.ok) throw new Error(`history:before refused: ${JSON.stringify(ack)}`);
  return ack;
}

/** Every message id in the database, oldest first, as the protocol orders them. */
async function storedIds(server: ApiServer): Promise<string[]> {
  const rows = await queryDb<{ id: string }>(server.databaseUrl, 'SELECT id FROM messages ORDER BY created_at, id');
  return rows.map((r) => r.id);
}

const okMessage = (ack: MessageSendAck): Message => {
  if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack)}`);
  return ack.message;
};

describe('chat: messages, idempotency, rate limit, validation', () => {
  let server: ApiServer;
  const clients: LobbyClient[] = [];
  const join = async (nickname: string, token?: string) => {
    const client = await LobbyClient.connect(server.url);
    clients.push(client);
    const ack = await client.start(nickname, token);
    return { client, ack };
  };

  beforeAll(async () => {
    server = await startApi();
  });
  afterEach(() => clients.splice(0).forEach((client) => client.close()));
  afterAll(() => server.dispose());

  it('stores a message and delivers it to everyone, the sender too, as neutral and pending', async () => {
    const alice = await join('Alice');
    const bob = await join('Bob');
    const message = okMessage(await alice.client.send({ text: '  hello, lobby  ' }));

    expect(message).toMatchObject({
      userId: alice.ack.user.id,
      nickname: 'Alice',
      text: 'hello, lobby',
      mood: 'neutral',
      moodStatus: 'pending',
      confidence: null,
      seed: message.id.slice(0, 8),
    });
    expect(new Date(message.createdAt).toISOString()).toBe(message.createdAt);
    for (const client of [alice.client, bob.client]) {
      await expect(client.waitFor<Message>(ServerEvent.MessageNew, (m) => m.id === message.id)).resolves.toEqual(message);
    }
    expect(await queryDb(server.databaseUrl, 'SELECT text, user_id FROM messages WHERE id = ?', message.id)).toEqual([
      { text: 'hello, lobby', user_id: alice.ack.user.id },
    ]);
    expect(await queryDb(server.databaseUrl, 'SELECT status FROM inference_jobs WHERE message_id = ?', message.id)).toHaveLength(1);
  });

  it('stores a repeated clientMessageId once and acks the original message', async () => {
    const { client } = await join('Idem');
    const clientMessageId = 'retry-me-123';
    const first = okMessage(await client.send({ text: 'only once', clientMessageId }));
    const again = okMessage(await client.send({ text: 'only once', clientMessageId }));
    const [raceA, raceB] = await Promise.all([
      client.send({ text: 'race', clientMessageId: 'race-1' }),
      client.send({ text: 'race', clientMessageId: 'race-1' }),
    ]);

    expect(again).toEqual(first);
    expect(first.clientMessageId).toBe(clientMessageId);
    expect(okMessage(raceA).id).toBe(okMessage(raceB).id);
    await client.settle(200);
    expect(client.all<Message>(ServerEvent.MessageNew).filter((m) => m.id === first.id)).toHaveLength(1);
    expect(await count(server.databaseUrl, 'messages', 'client_message_id = ?', clientMessageId)).toBe(1);
    expect(await count(server.databaseUrl, 'messages', 'client_message_id = ?', 'race-1')).toBe(1);
  });

  it('stores sends that arrive together each once, a racing clientMessageId spoiling none of the others', async () => {
    const senders = await Promise.all(['G1', 'G2', 'G3', 'G4', 'G5', 'G6'].map((name) => join(name)));
    const racer = senders[0].client;
    const acks = await Promise.all([
      racer.send({ text: 'twice', clientMessageId: 'group-race' }),
      racer.send({ text: 'twice', clientMessageId: 'group-race' }),
      ...senders.flatMap(({ client }, i) => [client.send({ text: `together ${i}a` }), client.send({ text: `together ${i}b` })]),
    ]);
    const messages = acks.map(okMessage);
    expect(messages[0].id).toBe(messages[1].id);
    const stored = new Set(messages.map((m) => m.id));
    expect(stored.size).toBe(1 + senders.length * 2);

    const rows = await queryDb<{ id: string; jobs: number }>(
      server.databaseUrl,
      `SELECT m.id, (SELECT COUNT(*) FROM inference_jobs j WHERE j.message_id = m.id) AS jobs FROM messages m WHERE m.user_id IN (${senders.map(() => '?').join(', ')})`,
      ...senders.map(({ ack }) => ack.user.id),
    );
    expect(rows.map((row) => row.id).sort()).toEqual([...stored].sort());
    expect(rows.every((row) => Number(row.jobs) === 1)).toBe(true);
    const counts = await queryDb<{ message_count: number }>(
      server.databaseUrl,
      `SELECT message_count FROM users WHERE id IN (${senders.map(() => '?').join(', ')}) ORDER BY message_count`,
      ...senders.map(({ ack }) => ack.user.id),
    );
    expect(counts.map((row) => Number(row.message_count))).toEqual([2, 2, 2, 2, 2, 3]);
    for (const { client } of senders) {
      await client.settle(200);
      const received = client.all<Message>(ServerEvent.MessageNew).map((m) => m.id);
      expect(received).toHaveLength(stored.size);
      expect(new Set(received)).toEqual(stored);
    }
  });

  it('rate-limits a user across all their sockets, and only that user', async () => {
    const tab1 = await join('Flooder');
    const tab2 = await join('Flooder', tab1.ack.token);
    const bystander = await join('Calm');
    const sends = Array.from({ length: 8 }, (_, i) => (i % 2 ? tab2 : tab1).client.send({ text: `flood ${i}` }));
    const acks = await Promise.all(sends);

    const accepted = acks.filter((ack) => ack.ok);
    const refused = acks.filter((ack): ack is Extract<MessageSendAck, { ok: false }> => !ack.ok);
    expect(accepted).toHaveLength(5);
    expect(refused).toHaveLength(3);
    for (const ack of refused) {
      expect(ack.error).toBe('rate_limited');
      expect(ack.retryAfterMs).toBeGreaterThan(0);
      expect(ack.retryAfterMs).toBeLessThanOrEqual(5000);
    }
    const events = [...tab1.client.all<RateLimitedError>(ServerEvent.RateLimited), ...tab2.client.all<RateLimitedError>(ServerEvent.RateLimited)];
    expect(events).toHaveLength(3);
    expect(events[0].event).toBe('message:send');
    expect(await count(server.databaseUrl, 'messages', 'user_id = ?', tab1.ack.user.id)).toBe(5);

    // Refused messages were not broadcast; the other user can still send.
    await bystander.client.settle(200);
    const seen = bystander.client.all<Message>(ServerEvent.MessageNew).filter((m) => m.userId === tab1.ack.user.id);
    expect(seen).toHaveLength(5);
    expect(okMessage(await bystander.client.send({ text: 'I am fine' })).nickname).toBe('Calm');
  });

  it.each<[string, unknown]>([
    ['a string', 'hello'],
    ['a number', 42],
    ['null', null],
    ['an array', [{ text: 'hi' }]],
    ['no text', {}],
    ['empty text', { text: '' }],
    ['whitespace text', { text: '   \n\t ' }],
    ['text of the wrong type', { text: 123 }],
    ['an object as text', { text: { toString: 'x' } }],
    ['text over the limit', { text: 'x'.repeat(501) }],
    ['an unknown field', { text: 'hi', admin: true }],
    ['a bad clientMessageId', { text: 'hi', clientMessageId: 'has spaces and !' }],
    ['a __proto__ key', JSON.parse('{"text":"hi","__proto__":{"polluted":true}}')],
    ['a constructor key', { text: 'hi', constructor: { prototype: { polluted: true } } }],
    ['binary', Buffer.from('hello')],
  ])('refuses %s with error:invalid_payload, stores nothing, and keeps the connection', async (_name, payload) => {
    const { client, ack } = await join('Validator');
    const reply = await client.send(payload);

    expect(reply).toMatchObject({ ok: false, error: 'invalid_payload' });
    const event = await client.waitFor<{ event: string; errors: string[] }>(ServerEvent.InvalidPayload);
    expect(event.event).toBe('message:send');
    expect(event.errors.length).toBeGreaterThan(0);
    expect(await count(server.databaseUrl, 'messages', 'user_id = ?', ack.user.id)).toBe(0);
    expect(client.socket.connected).toBe(true);
    expect(okMessage(await client.send({ text: 'still here' })).text).toBe('still here');
  });

  it('validates session:start and answers unknown events', async () => {
    const client = await LobbyClient.connect(server.url);
    clients.push(client);
    for (const payload of [{ nickname: '' }, { nickname: 'x'.repeat(33) }, { nickname: 'bad\u0007bell' }, { nickname: 7 }, 'Ada', { nickname: 'Ada', extra: 1 }]) {
      await expect(client.emitWithAck('session:start', payload)).resolves.toMatchObject({ ok: false, error: 'invalid_payload' });
    }
    await expect(client.emitWithAck('admin:drop_tables', {})).resolves.toMatchObject({ ok: false, error: 'invalid_payload' });
    await expect(client.waitFor(ServerEvent.InvalidPayload, (e: { event: string }) => e.event === 'admin:drop_tables')).resolves.toBeTruthy();
    expect((await client.start('Valid Now')).user.nickname).toBe('Valid Now');
  });

  it('counts message length in characters, so emoji are one each', async () => {
    const { client } = await join('Emoji');
    expect(okMessage(await client.send({ text: '🙂'.repeat(500) })).text).toBe('🙂'.repeat(500));
    await expect(client.send({ text: '🙂'.repeat(501) })).resolves.toMatchObject({ ok: false, error: 'invalid_payload' });
  });

  describe('history:before (an addition to SPEC 5)', () => {
    /** Sends `count` messages from fresh users, five each (everyone's rate limit); returns the last user's id. */
    async function fill(count: number, label: string): Promise<string> {
      let userId = '';
      for (let sent = 0; sent < count; ) {
        const { client, ack } = await join(`Filler ${label} ${sent}`);
        userId = ack.user.id;
        for (let i = 0; i < 5 && sent < count; i++, sent++) okMessage(await client.send({ text: `${label} ${sent}` }));
      }
      return userId;
    }

    it('answers before session:start with error:session_required', async () => {
      const client = await LobbyClient.connect(server.url);
      clients.push(client);

      await expect(before(client, { beforeId: randomUUID() })).resolves.toEqual({ ok: false, error: 'session_required' });
      await expect(client.waitFor<SessionRequiredError>(ServerEvent.SessionRequired)).resolves.toEqual({ event: ClientEvent.HistoryBefore });
      expect(client.socket.connected).toBe(true);
    });

    it('pages through more than 100 messages to the very first, with no gap or duplicate, while more arrive', async () => {
      const userId = await fill(130, 'paged');
      // Two stored in the very same millisecond (as two API processes could): the id breaks the tie.
      const tie = new Date(Date.now() - 3_600_000);
      const tied = [randomUUID(), randomUUID()];
      await execDb(
        server.databaseUrl,
        tied.map((id, i) => [
          'INSERT INTO messages (id, user_id, nickname, text, mood, mood_status, confidence, client_message_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          [id, userId, 'Filler', `tied ${i}`, 'neutral', 'pending', null, null, dbTime(server.databaseUrl, tie)],
        ]),
      );
      const total = (await storedIds(server)).length;
      expect(total).toBeGreaterThan(132);

      const { client: reader, ack } = await join('Reader');
      const seen = ack.history.map((m) => m.id);
      expect(seen).toHaveLength(50);
      let pages = 0;
      for (let hasMore = true; hasMore; pages++) {
        const result = page(await before(reader, { beforeId: seen[0], limit: 40 }));
        expect(result.messages.length).toBeLessThanOrEqual(40);
        seen.unshift(...result.messages.map((m) => m.id));
        hasMore = result.hasMore;
        // Messages keep arriving while the reader pages back: the cursor does not move.
        if (pages === 0) await fill(10, 'meanwhile');
      }

      const all = await storedIds(server);
      expect(all).toHaveLength(total + 10);
      expect(seen).toEqual(all.slice(0, total)); // in order, nothing missing, nothing twice
      expect(pages).toBe(Math.ceil((total - 50) / 40));
      expect(seen.slice(0, 2)).toEqual([...tied].sort());
      // At the very beginning: an empty page, nothing more.
      await expect(before(reader, { beforeId: seen[0] })).resolves.toEqual({ ok: true, messages: [], hasMore: false });
    });

    it('pages oldest first with the current moods, the default page being 50 and the largest 100', async () => {
      await fill(120, 'sized');
      const { client, ack } = await join('Pager');
      const newest = ack.history.at(-1) as Message;

      const defaultPage = page(await before(client, { beforeId: newest.id }));
      const largest = page(await before(client, { beforeId: newest.id, limit: MAX_HISTORY_PAGE_SIZE }));
      const all = await storedIds(server);
      const upTo = all.indexOf(newest.id);

      expect(defaultPage.messages.map((m) => m.id)).toEqual(all.slice(upTo - 50, upTo));
      expect(largest.messages.map((m) => m.id)).toEqual(all.slice(upTo - 100, upTo));
      expect(largest.messages[0]).toMatchObject({ mood: expect.any(String), moodStatus: expect.any(String), seed: largest.messages[0].id.slice(0, 8) });
      expect(largest.hasMore).toBe(true);
    });

    it.each<[string, unknown]>([
      ['no beforeId', {}],
      ['a beforeId that is not an id', { beforeId: 'latest' }],
      ['a beforeId no message has', { beforeId: '00000000-0000-4000-8000-000000000000' }],
      ['a limit of 0', { beforeId: '00000000-0000-4000-8000-000000000000', limit: 0 }],
      ['a limit over the largest page', { beforeId: '00000000-0000-4000-8000-000000000000', limit: MAX_HISTORY_PAGE_SIZE + 1 }],
      ['a limit as text', { beforeId: '00000000-0000-4000-8000-000000000000', limit: '5' }],
      ['a fractional limit', { beforeId: '00000000-0000-4000-8000-000000000000', limit: 2.5 }],
      ['an extra field', { beforeId: '00000000-0000-4000-8000-000000000000', offset: 10 }],
      ['a string payload', 'before'],
      ['an array', [{ beforeId: '00000000-0000-4000-8000-000000000000' }]],
    ])('refuses %s with error:invalid_payload and keeps the connection', async (_name, payload) => {
      const { client, ack } = await join('Strict');
      const { history } = ack;

      await expect(before(client, payload)).resolves.toMatchObject({ ok: false, error: 'invalid_payload' });
      const event = await client.waitFor<InvalidPayloadError>(ServerEvent.InvalidPayload);
      expect(event.event).toBe(ClientEvent.HistoryBefore);
      expect(event.errors.length).toBeGreaterThan(0);
      expect(client.socket.connected).toBe(true);
      const newest = history.at(-1) as Message;
      expect(page(await before(client, { beforeId: newest.id, limit: 1 })).messages).toHaveLength(1);
    });
  });
});

describe('chat: history', () => {
  let server: ApiServer;
  afterAll(() => server.dispose());

  it('gives the last MESSAGE_HISTORY_LIMIT messages oldest first, and keeps them across a restart', async () => {
    server = await startApi({ env: { MESSAGE_HISTORY_LIMIT: '3', RATE_LIMIT_MAX: '50' } });
    const writer = await LobbyClient.connect(server.url);
    const { token, user } = await writer.start('Writer');
    const sent: Message[] = [];
    for (let i = 1; i <= 5; i++) sent.push(okMessage(await writer.send({ text: `line ${i}` })));

    const reader = await LobbyClient.connect(server.url);
    const { history } = await reader.start('Reader');
    expect(history.map((m) => m.text)).toEqual(['line 3', 'line 4', 'line 5']);
    expect(history.map((m) => m.id)).toEqual(sent.slice(2).map((m) => m.id));
    writer.close();
    reader.close();

    server = await server.restart();
    const back = await LobbyClient.connect(server.url);
    const again = await back.start('Writer', token);
    expect(again.user.id).toBe(user.id);
    expect(again.history.map((m) => m.text)).toEqual(['line 3', 'line 4', 'line 5']);
    back.close();
  });
});

describe('chat: a configured MAX_MESSAGE_LENGTH', () => {
  let server: ApiServer;
  afterAll(() => server.dispose());

  it('is the limit the server validates against and announces', async () => {
    server = await startApi({ env: { MAX_MESSAGE_LENGTH: '10' } });
    const client = await LobbyClient.connect(server.url);
    const { limits } = await client.start('Terse');
    expect(limits.messageMaxLength).toBe(10);
    expect(okMessage(await client.send({ text: '🙂'.repeat(10) })).text).toBe('🙂'.repeat(10));
    await expect(client.send({ text: 'x'.repeat(11) })).resolves.toEqual({
      ok: false,
      error: 'invalid_payload',
      errors: ['text must be 1 to 10 characters'],
    });
    client.close();
  });
});
