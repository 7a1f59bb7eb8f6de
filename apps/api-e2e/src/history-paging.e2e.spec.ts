import { randomUUID } from 'node:crypto';
import {
  ClientEvent,
  HistoryBeforeAck,
  InvalidPayloadError,
  MAX_HISTORY_PAGE_SIZE,
  Message,
  MessageSendAck,
  ServerEvent,
  SessionRequiredError,
} from '@moodlobby/shared';
import { ApiServer, dbTime, execDb, LobbyClient, queryDb, startApi } from '@moodlobby/testing';

const before = (client: LobbyClient, payload: unknown) => client.emitWithAck(ClientEvent.HistoryBefore, payload) as Promise<HistoryBeforeAck>;

function page(ack: HistoryBeforeAck): { messages: Message[]; hasMore: boolean } {
  if (!ack.ok) throw new Error(`history:before refused: ${JSON.stringify(ack)}`);
  return ack;
}

function sent(ack: MessageSendAck): Message {
  if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack)}`);
  return ack.message;
}

/** Every message id in the database, oldest first, as the protocol orders them. */
async function storedIds(server: ApiServer): Promise<string[]> {
  const rows = await queryDb<{ id: string }>(server.databaseUrl, 'SELECT id FROM messages ORDER BY created_at, id');
  return rows.map((r) => r.id);
}

describe('history:before', () => {
  let server: ApiServer;
  const clients: LobbyClient[] = [];
  const connect = async () => {
    const client = await LobbyClient.connect(server.url);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    // A budget big enough to fill the lobby quickly.
    server = await startApi({ env: { RATE_LIMIT_MAX: '1000', RATE_LIMIT_WINDOW_MS: '1000' } });
  });
  afterEach(() => clients.splice(0).forEach((client) => client.close()));
  afterAll(() => server.dispose());

  it('answers before session:start with error:session_required', async () => {
    const client = await connect();

    await expect(before(client, { beforeId: randomUUID() })).resolves.toEqual({ ok: false, error: 'session_required' });
    await expect(client.waitFor<SessionRequiredError>(ServerEvent.SessionRequired)).resolves.toEqual({ event: ClientEvent.HistoryBefore });
    expect(client.socket.connected).toBe(true);
  });

  it('pages through more than 100 messages to the very first, with no gap or duplicate, while more arrive', async () => {
    const writer = await connect();
    const { user } = await writer.start('Writer');
    for (let i = 0; i < 130; i++) sent(await writer.send({ text: `message ${i}` }));
    // Two stored in the very same millisecond (as two API processes could): the id breaks the tie.
    const tie = new Date(Date.now() - 3_600_000);
    const tied = [randomUUID(), randomUUID()];
    await execDb(
      server.databaseUrl,
      tied.map((id, i) => [
        'INSERT INTO messages (id, user_id, nickname, text, mood, mood_status, confidence, client_message_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [id, user.id, 'Writer', `tied ${i}`, 'neutral', 'pending', null, null, dbTime(server.databaseUrl, tie)],
      ]),
    );

    const reader = await connect();
    const ack = await reader.start('Reader');
    const seen = ack.history.map((m) => m.id);
    expect(seen).toHaveLength(50);
    let pages = 0;
    for (let hasMore = true; hasMore; pages++) {
      const result = page(await before(reader, { beforeId: seen[0], limit: 40 }));
      expect(result.messages.length).toBeLessThanOrEqual(40);
      seen.unshift(...result.messages.map((m) => m.id));
      hasMore = result.hasMore;
      // Messages keep arriving while the reader pages back: the cursor does not move.
      if (pages === 0) for (let i = 0; i < 10; i++) sent(await writer.send({ text: `meanwhile ${i}` }));
    }

    const all = await storedIds(server);
    expect(seen).toEqual(all.slice(0, seen.length)); // in order, nothing missing, nothing twice
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(132);
    expect(pages).toBe(3);
    expect(seen.slice(0, 2)).toEqual([...tied].sort());
    // At the very beginning: an empty page, nothing more.
    await expect(before(reader, { beforeId: seen[0] })).resolves.toEqual({ ok: true, messages: [], hasMore: false });
  });

  it('pages oldest first with the current moods, the default page being 50 and the largest 100', async () => {
    const client = await connect();
    const { history } = await client.start('Pager');
    const newest = history.at(-1) as Message;

    const defaultPage = page(await before(client, { beforeId: newest.id }));
    const largest = page(await before(client, { beforeId: newest.id, limit: MAX_HISTORY_PAGE_SIZE }));
    const all = await storedIds(server);
    const upTo = all.indexOf(newest.id);

    expect(defaultPage.messages.map((m) => m.id)).toEqual(all.slice(upTo - 50, upTo));
    expect(largest.messages.map((m) => m.id)).toEqual(all.slice(upTo - 100, upTo));
    expect(largest.messages[0]).toMatchObject({ mood: expect.any(String), moodStatus: expect.any(String), seed: largest.messages[0].id.slice(0, 8) });
    expect(largest.hasMore).toBe(upTo > 100);
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
    const client = await connect();
    const { history } = await client.start('Strict');

    await expect(before(client, payload)).resolves.toMatchObject({ ok: false, error: 'invalid_payload' });
    const event = await client.waitFor<InvalidPayloadError>(ServerEvent.InvalidPayload);
    expect(event.event).toBe(ClientEvent.HistoryBefore);
    expect(event.errors.length).toBeGreaterThan(0);
    expect(client.socket.connected).toBe(true);
    const newest = history.at(-1) as Message;
    expect(page(await before(client, { beforeId: newest.id, limit: 1 })).messages).toHaveLength(1);
  });
});
