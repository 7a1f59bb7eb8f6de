import {
  ClientEvent,
  HistoryBeforeAck,
  InvalidPayloadError,
  Message,
  MessageSendAck,
  PresenceUpdatePayload,
  RENAME_RATE_LIMIT_MAX,
  RENAME_RATE_LIMIT_WINDOW_MS,
  RateLimitedError,
  ServerEvent,
  SessionRenameAck,
  SessionRequiredError,
} from '@moodlobby/shared';
import { ApiServer, LobbyClient, queryDb, startApi } from '@moodlobby/testing';

const rename = (client: LobbyClient, payload: unknown) => client.emitWithAck(ClientEvent.SessionRename, payload) as Promise<SessionRenameAck>;

function sent(ack: MessageSendAck): Message {
  if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack)}`);
  return ack.message;
}

describe('session:rename', () => {
  let server: ApiServer;
  const clients: LobbyClient[] = [];
  const connect = async () => {
    const client = await LobbyClient.connect(server.url);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startApi();
  });
  afterEach(() => clients.splice(0).forEach((client) => client.close()));
  afterAll(() => server.dispose());

  it('renames the user: acked, stored, seen in presence by another client, carried by later messages only', async () => {
    const ada = await connect();
    const watcher = await connect();
    const { user } = await ada.start('Ada');
    await watcher.start('Watcher');
    const before = sent(await ada.send({ text: 'sent as Ada' }));
    const since = watcher.received.length;

    const ack = await rename(ada, { nickname: '  Ada Lovelace  ' });

    expect(ack).toEqual({ ok: true, user: { id: user.id, nickname: 'Ada Lovelace', variant: user.variant } });
    const update = await watcher.waitFor<PresenceUpdatePayload>(
      ServerEvent.PresenceUpdate,
      (u) => u.users.some((x) => x.id === user.id && x.nickname === 'Ada Lovelace'),
      10_000,
      since,
    );
    expect(update.users.filter((x) => x.id === user.id)).toEqual([{ id: user.id, nickname: 'Ada Lovelace' }]);
    expect(await queryDb(server.databaseUrl, 'SELECT nickname FROM users WHERE id = ?', user.id)).toEqual([{ nickname: 'Ada Lovelace' }]);

    const after = sent(await ada.send({ text: 'sent as Ada Lovelace' }));
    expect(after.nickname).toBe('Ada Lovelace');
    const page = (await ada.emitWithAck(ClientEvent.HistoryBefore, { beforeId: after.id, limit: 1 })) as HistoryBeforeAck;
    expect(page).toMatchObject({ ok: true, messages: [{ id: before.id, nickname: 'Ada' }] });
  });

  it("carries the new nickname on the user's other tabs too", async () => {
    const tab1 = await connect();
    const tab2 = await connect();
    const first = await tab1.start('Grace');
    await tab2.start('Grace', first.token);

    await expect(rename(tab1, { nickname: 'Grace Hopper' })).resolves.toMatchObject({ ok: true });

    expect(sent(await tab2.send({ text: 'from the other tab' })).nickname).toBe('Grace Hopper');
  });

  it('changes nothing and costs no budget when the nickname is the same', async () => {
    const client = await connect();
    const { user } = await client.start('Same');
    for (let i = 0; i < RENAME_RATE_LIMIT_MAX + 2; i++) {
      await expect(rename(client, { nickname: ' Same ' })).resolves.toEqual({ ok: true, user });
    }
    await expect(rename(client, { nickname: 'Changed' })).resolves.toMatchObject({ ok: true });
  });

  it.each<[string, unknown]>([
    ['an empty nickname', { nickname: '   ' }],
    ['a nickname over 32 characters', { nickname: 'x'.repeat(33) }],
    ['a control character', { nickname: 'bad\u0007bell' }],
    ['a number', { nickname: 7 }],
    ['a string payload', 'Ada'],
    ['null', null],
    ['an extra field', { nickname: 'Ada', admin: true }],
    ['a __proto__ key', JSON.parse('{"nickname":"Ada","__proto__":{"polluted":true}}')],
  ])('refuses %s with error:invalid_payload, changes nothing, and keeps the connection', async (_name, payload) => {
    const client = await connect();
    const { user } = await client.start('Valid');

    await expect(rename(client, payload)).resolves.toMatchObject({ ok: false, error: 'invalid_payload' });
    const event = await client.waitFor<InvalidPayloadError>(ServerEvent.InvalidPayload);
    expect(event.event).toBe(ClientEvent.SessionRename);
    expect(event.errors.length).toBeGreaterThan(0);
    expect(await queryDb(server.databaseUrl, 'SELECT nickname FROM users WHERE id = ?', user.id)).toEqual([{ nickname: 'Valid' }]);
    expect(client.socket.connected).toBe(true);
    expect(sent(await client.send({ text: 'still here' })).nickname).toBe('Valid');
  });

  it('answers before session:start with error:session_required', async () => {
    const client = await connect();

    await expect(rename(client, { nickname: 'Early' })).resolves.toEqual({ ok: false, error: 'session_required' });
    await expect(client.waitFor<SessionRequiredError>(ServerEvent.SessionRequired)).resolves.toEqual({ event: ClientEvent.SessionRename });
    expect(client.socket.connected).toBe(true);
    expect((await client.start('Early')).user.nickname).toBe('Early');
  });

  it(`allows ${RENAME_RATE_LIMIT_MAX} renames per window, then answers error:rate_limited and keeps the name`, async () => {
    const client = await connect();
    const { user } = await client.start('Name 0');
    for (let i = 1; i <= RENAME_RATE_LIMIT_MAX; i++) {
      await expect(rename(client, { nickname: `Name ${i}` })).resolves.toMatchObject({ ok: true });
    }

    const refused = await rename(client, { nickname: 'One too many' });
    expect(refused).toMatchObject({ ok: false, error: 'rate_limited' });
    const event = await client.waitFor<RateLimitedError>(ServerEvent.RateLimited);
    expect(event.event).toBe(ClientEvent.SessionRename);
    expect(event.retryAfterMs).toBeGreaterThan(0);
    expect(event.retryAfterMs).toBeLessThanOrEqual(RENAME_RATE_LIMIT_WINDOW_MS);
    expect(await queryDb(server.databaseUrl, 'SELECT nickname FROM users WHERE id = ?', user.id)).toEqual([{ nickname: `Name ${RENAME_RATE_LIMIT_MAX}` }]);
    // Messages have their own budget.
    expect(sent(await client.send({ text: 'talking is fine' })).nickname).toBe(`Name ${RENAME_RATE_LIMIT_MAX}`);
  });

  it('lets session:start keep taking any valid nickname, an existing one included', async () => {
    const first = await connect();
    const second = await connect();
    const a = await first.start('Alice');
    const b = await second.start('Alice');

    expect(b.user.id).not.toBe(a.user.id);
    expect(b.presence.filter((u) => u.nickname === 'Alice').map((u) => u.id).sort()).toEqual([a.user.id, b.user.id].sort());
  });
});
