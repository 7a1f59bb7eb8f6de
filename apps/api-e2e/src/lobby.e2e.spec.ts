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
  Variant,
} from '@moodlobby/shared';
import { ApiServer, startApi, count, queryDb, LobbyClient, waitForCount } from '@moodlobby/testing';

const rename = (client: LobbyClient, payload: unknown) => client.emitWithAck(ClientEvent.SessionRename, payload) as Promise<SessionRenameAck>;

function sent(ack: MessageSendAck): Message {
  if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack)}`);
  return ack.message;
}


describe('lobby: sessions, identity and presence', () => {
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

  it('answers session:start with the user, a token, history, presence, limits and the server time', async () => {
    const client = await connect();
    const before = Date.now();
    const ack = await client.start('  Ada  ');

    expect(ack.user.nickname).toBe('Ada');
    expect(ack.user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect([Variant.Control, Variant.Treatment]).toContain(ack.user.variant);
    expect(ack.token.startsWith(`${ack.user.id}.`)).toBe(true);
    expect(Array.isArray(ack.history)).toBe(true);
    expect(ack.presence).toContainEqual({ id: ack.user.id, nickname: 'Ada' });
    expect(ack.limits).toEqual({ messageMaxLength: 500, rateLimit: { max: 5, windowMs: 5000 } });
    expect(ack.ui).toEqual({ vnBackgroundDebounceMs: 1500 });
    expect(Date.parse(ack.serverTime)).toBeGreaterThanOrEqual(before - 1000);
    // The same payload also arrives as the session:ack event.
    await expect(client.waitFor(ServerEvent.SessionAck)).resolves.toMatchObject({ user: ack.user, token: ack.token });
    expect(await queryDb(server.databaseUrl, 'SELECT nickname, variant FROM users WHERE id = ?', ack.user.id)).toEqual([
      { nickname: 'Ada', variant: ack.user.variant },
    ]);
  });

  it('shows two users to each other as online', async () => {
    const a = await connect();
    const b = await connect();
    const ackA = await a.start('Alice');
    const ackB = await b.start('Bob');

    const both = (update: PresenceUpdatePayload) =>
      [ackA.user.id, ackB.user.id].every((id) => update.users.some((user) => user.id === id));
    await expect(a.waitFor(ServerEvent.PresenceUpdate, both)).resolves.toBeTruthy();
    await expect(b.waitFor(ServerEvent.PresenceUpdate, both)).resolves.toBeTruthy();
  });

  it('keeps the same user across tabs and reloads, listed once in presence', async () => {
    const tab1 = await connect();
    const first = await tab1.start('Carol');
    const tab2 = await connect();
    const second = await tab2.start('Carol', first.token);

    expect(second.user.id).toBe(first.user.id);
    expect(second.user.variant).toBe(first.user.variant);
    expect(second.presence.filter((user) => user.id === first.user.id)).toHaveLength(1);

    // A reload: the tab goes away and comes back with its token and a new nickname.
    tab1.close();
    const reloaded = await connect();
    const third = await reloaded.start('Caroline', first.token);
    expect(third.user.id).toBe(first.user.id);
    expect(third.presence.filter((user) => user.id === first.user.id)).toEqual([{ id: first.user.id, nickname: 'Caroline' }]);
    expect(await count(server.databaseUrl, 'users', 'id = ?', first.user.id)).toBe(1);
  });

  it('keeps a user online until their last tab closes', async () => {
    const watcher = await connect();
    await watcher.start('Watcher');
    const tab1 = await connect();
    const { user, token } = await tab1.start('Dave');
    const tab2 = await connect();
    await tab2.start('Dave', token);
    // Both starts are announced (perhaps as one update); wait for it, and for nothing more to come.
    await watcher.waitFor<PresenceUpdatePayload>(ServerEvent.PresenceUpdate, (u) => u.users.some((x) => x.id === user.id));
    await watcher.settle(300);

    const mark = watcher.received.length;
    tab1.close();
    // The server has handled that disconnect once the tab's visit is closed; then give any
    // (coalesced) presence update time to arrive: none may.
    await waitForCount(server.databaseUrl, { table: 'visits', where: 'user_id = ? AND ended_at IS NOT NULL', params: [user.id], until: (n) => n === 1 });
    await watcher.settle(300);
    expect(watcher.received.slice(mark).filter((r) => r.event === ServerEvent.PresenceUpdate)).toEqual([]);

    const lastTab = watcher.received.length;
    tab2.close();
    await expect(
      watcher.waitFor<PresenceUpdatePayload>(ServerEvent.PresenceUpdate, () => true, 5000, lastTab),
    ).resolves.toEqual({ users: expect.not.arrayContaining([expect.objectContaining({ id: user.id })]) });
  });

  it('never gives the original user to a changed token', async () => {
    const victim = await connect();
    const { user, token } = await victim.start('Victim');
    const other = await connect();
    const otherAck = await other.start('Other');
    const [, signature] = token.split('.');
    const flipped = signature[0] === 'A' ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    const forgeries = [
      `${user.id}.${flipped}`,
      `${user.id}.${otherAck.token.split('.')[1]}`,
      `${user.id}.`,
      user.id,
      `${user.id.toUpperCase()}.${signature}`,
      `${token}x`,
      'not-a-token',
    ];

    for (const forged of forgeries) {
      const attacker = await connect();
      const ack = await attacker.start('Mallory', forged);
      expect(ack.user.id).not.toBe(user.id);
      expect(ack.token).not.toBe(token);
      attacker.close();
    }
    expect(await queryDb(server.databaseUrl, 'SELECT nickname FROM users WHERE id = ?', user.id)).toEqual([{ nickname: 'Victim' }]);
  });

  it('opens a visit per session start and closes it on disconnect', async () => {
    const client = await connect();
    const { user } = await client.start('Visitor');
    expect(await queryDb(server.databaseUrl, 'SELECT ended_at FROM visits WHERE user_id = ?', user.id)).toEqual([{ ended_at: null }]);
    client.close();
    await expect(
      waitForCount(server.databaseUrl, { table: 'visits', where: 'user_id = ? AND ended_at IS NOT NULL', params: [user.id], until: (n) => n > 0 }),
    ).resolves.toBe(1);
  });

  it('asks for a session before accepting messages', async () => {
    const client = await connect();
    const ack = await client.send({ text: 'hello?' });
    expect(ack).toEqual({ ok: false, error: 'session_required' });
    await expect(client.waitFor(ServerEvent.SessionRequired)).resolves.toEqual({ event: 'message:send' });
  });

  describe('session:rename (an addition to SPEC 5)', () => {
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
});
