import { PresenceUpdatePayload, ServerEvent } from '@moodlobby/shared';
import { ApiServer, count, LobbyClient, residentBytes, SeededRandom, startApi, waitForCount, sleep } from '@moodlobby/testing';

const SEED = 0xc4a2;
const CYCLES = 1_000;
const WARM_UP = 200;
const BATCH = 25;
/** Generous: the process may keep a few megabytes of heap it has not given back. */
const MAX_GROWTH_BYTES = 40 * 1024 * 1024;
const MB = 1024 * 1024;

describe('robustness: connection churn', () => {
  let server: ApiServer;
  let watcher: LobbyClient;

  beforeAll(async () => {
    server = await startApi();
    watcher = await LobbyClient.connect(server.url);
  });
  afterAll(async () => {
    watcher.close();
    await server.dispose();
  });

  it(`leaves nobody online, every visit ended and memory flat after ${CYCLES} connect → session:start → disconnect cycles`, async () => {
    const me = await watcher.start('Watcher');
    const rng = new SeededRandom(SEED);
    const tokens: string[] = [];
    let sockets = 0;
    let nextName = 0;

    type Plan = { kind: 'fresh' | 'returning' | 'tabs'; swap: boolean; pick: number };
    /** One socket (or two tabs of one user) joins and leaves. */
    const cycle = async ({ kind, swap, pick }: Plan): Promise<void> => {
      const nickname = `Churn ${nextName++}`;
      if (kind === 'tabs') {
        const [a, b] = await Promise.all([LobbyClient.connect(server.url), LobbyClient.connect(server.url)]);
        const first = await a.start(nickname);
        await b.start(nickname, first.token);
        // Either tab may close first.
        for (const tab of swap ? [b, a] : [a, b]) tab.close();
        return;
      }
      const client = await LobbyClient.connect(server.url);
      const token = kind === 'returning' && tokens.length > 0 ? tokens[pick % tokens.length] : undefined;
      const ack = await client.start(nickname, token);
      if (tokens.length < 50) tokens.push(ack.token);
      client.close();
    };

    /** Plans `size` sockets' worth of cycles (drawn up front, so the plan is the same every run). */
    const plan = (size: number): Plan[] => {
      const plans: Plan[] = [];
      for (let left = size; left > 0; ) {
        const kind = rng.weighted({ fresh: 7, returning: 1, tabs: 2 });
        const planned: Plan = { kind: kind === 'tabs' && left < 2 ? 'fresh' : kind, swap: rng.chance(0.5), pick: rng.int(0, 49) };
        plans.push(planned);
        left -= planned.kind === 'tabs' ? 2 : 1;
      }
      return plans;
    };

    /** Churns `total` sockets in batches, each batch either one cycle after another or all at once. */
    const churn = async (total: number) => {
      for (let done = 0; done < total; done += BATCH) {
        const batch = plan(Math.min(BATCH, total - done));
        if (rng.chance(0.5)) await Promise.all(batch.map(cycle));
        else for (const planned of batch) await cycle(planned);
        sockets += batch.reduce((n, p) => n + (p.kind === 'tabs' ? 2 : 1), 0);
      }
    };

    /** Waits until the server has ended every visit but the watcher's, so nothing is in flight. */
    const settled = async () => {
      await waitForCount(server.databaseUrl, { table: 'visits', where: 'ended_at IS NULL', until: (n) => n <= 1, timeoutMs: 15_000 });
      await sleep(200);
    };

    const started = Date.now();
    await churn(WARM_UP);
    await settled();
    const warm = residentBytes(server.process.pid as number);
    await churn(CYCLES - WARM_UP);
    await settled();
    const after = residentBytes(server.process.pid as number);
    console.log(
      `churn: ${sockets} sockets in ${Date.now() - started} ms; server RSS ${(warm / MB).toFixed(1)} MB after ${WARM_UP}, ` +
        `${(after / MB).toFixed(1)} MB after ${sockets} (${((after - warm) / MB).toFixed(1)} MB growth)`,
    );
    expect(sockets).toBe(CYCLES);

    // Every visit is ended, but the watcher's own; one visit per started socket.
    expect(await count(server.databaseUrl, 'visits', 'ended_at IS NULL')).toBe(1);
    expect(await count(server.databaseUrl, 'visits', 'ended_at IS NULL AND user_id = ?', me.user.id)).toBe(1);
    expect(await count(server.databaseUrl, 'visits')).toBe(sockets + 1);

    // The watcher's last presence update lists only the watcher.
    await watcher.settle(300);
    const last = watcher.all<PresenceUpdatePayload>(ServerEvent.PresenceUpdate).at(-1);
    expect(last?.users).toEqual([{ id: me.user.id, nickname: 'Watcher' }]);

    // Memory is flat.
    expect(after - warm).toBeLessThan(MAX_GROWTH_BYTES);

    // With the watcher gone too, a newcomer is alone.
    watcher.close();
    await sleep(50);
    await waitForCount(server.databaseUrl, { table: 'visits', where: 'ended_at IS NULL', until: (n) => n === 0, timeoutMs: 5_000 });
    const newcomer = await LobbyClient.connect(server.url);
    const ack = await newcomer.start('Newcomer');
    expect(ack.presence).toEqual([{ id: ack.user.id, nickname: 'Newcomer' }]);
    newcomer.close();
  });
});
