import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { addDays, USERS_CSV_COLUMNS, utcDay } from '@moodlobby/shared';
import { ApiServer, createTestDatabase, dropTestDatabase, LobbyClient, sleep, startApi } from '@moodlobby/testing';

const TOKEN = 'e2e-admin-token-0123';
const SEED = resolve(__dirname, '../../../dist/apps/api/seed.js');
const ROUTES = ['/admin/metrics/summary', '/admin/metrics/daily', '/admin/users', '/admin/export/users.csv'];

function seed(databaseUrl: string, ...args: string[]) {
  return spawnSync(process.execPath, [SEED, ...args], { env: { PATH: process.env['PATH'], DATABASE_URL: databaseUrl }, encoding: 'utf8' });
}

async function get(server: ApiServer, path: string, token: string | null = TOKEN) {
  const response = await fetch(`${server.url}${path}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  const text = await response.text();
  return { status: response.status, text, body: response.headers.get('content-type')?.startsWith('text/csv') ? null : JSON.parse(text), headers: response.headers };
}

type CsvUser = Record<(typeof USERS_CSV_COLUMNS)[number], string>;

/** The export, parsed by a real CSV parser (csv-parse), strict about quoting and column counts. */
async function exportUsers(server: ApiServer, query = ''): Promise<{ header: string[]; rows: CsvUser[]; raw: string }> {
  const { status, text, headers } = await get(server, `/admin/export/users.csv${query}`);
  expect(status).toBe(200);
  expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(headers.get('content-disposition')).toMatch(/^attachment; filename="moodlobby-users-\d{4}-\d{2}-\d{2}\.csv"$/);
  const records = parse(text, { relax_quotes: false, relax_column_count: false }) as string[][];
  const [header, ...body] = records;
  return { header, rows: body.map((record) => Object.fromEntries(header.map((name, i) => [name, record[i]])) as CsvUser), raw: text };
}

describe('admin API over HTTP with the seed data', () => {
  let dataDir: string;
  let databaseUrl: string;
  let server: ApiServer;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'moodlobby-admin-'));
    databaseUrl = await createTestDatabase(dataDir);
    const result = seed(databaseUrl, '--start', '2026-10-01');
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('40 users, 82 visits, 153 messages, 153 jobs');
    server = await startApi({ dataDir, env: { ADMIN_TOKEN: TOKEN, DATABASE_URL: databaseUrl } });
  });
  afterAll(async () => {
    await server?.dispose();
    await dropTestDatabase(databaseUrl);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to seed a database that has users, unless --reset', () => {
    const again = seed(databaseUrl, '--start', '2026-10-01');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('--reset');
  });

  it('answers 401 without the token, with a wrong one, or with another scheme, on every route', async () => {
    for (const route of ROUTES) {
      for (const token of [null, 'wrong-token', `${TOKEN}x`, '']) {
        const { status, body, text } = await get(server, route, token);
        expect(status).toBe(401);
        expect(body).toMatchObject({ statusCode: 401, error: 'unauthorized' });
        expect(text).not.toContain(TOKEN);
      }
      const basic = await fetch(`${server.url}${route}`, { headers: { authorization: `Basic ${TOKEN}` } });
      expect(basic.status).toBe(401);
    }
  });

  it('reads out the experiment', async () => {
    const { status, body, text } = await get(server, '/admin/metrics/summary?asOf=2026-10-31');
    expect(status).toBe(200);
    expect(text).not.toContain(TOKEN);
    expect(body.asOf).toBe('2026-10-31');
    expect(body.totals).toEqual({ users: 40, messages: 153, visits: 82 });
    expect(body.arms.CONTROL).toMatchObject({ users: 24, messages: 67, d1: { eligible: 24, retained: 10 }, d7: { retained: 6 } });
    expect(body.arms.TREATMENT).toMatchObject({ users: 16, messages: 86, messagesPerUser: 5.375, d1: { rate: 0.625 } });
    expect(body.comparison.d1.pValue).toBeCloseTo(0.1967056, 6);
    expect(body.srm).toMatchObject({ observedTreatmentShare: 0.4, flagged: false });
    expect(Object.keys(body.moods)).toEqual(['neutral', 'happy', 'sad', 'angry', 'surprised', 'scared', 'disgusted']);
  });

  it('gives the daily series and checks its range', async () => {
    const { status, body } = await get(server, '/admin/metrics/daily?from=2026-10-01&to=2026-10-02');
    expect(status).toBe(200);
    expect(body.days.map((d: { arms: { CONTROL: { messages: number } } }) => d.arms.CONTROL.messages)).toEqual([4, 8]);
    expect((await get(server, '/admin/metrics/daily?from=2026-10-05&to=2026-10-01')).status).toBe(400);
    expect((await get(server, '/admin/metrics/daily?from=2024-01-01&to=2026-10-01')).body.errors[0]).toContain('366 days');
    for (const asOf of ['2026-02-30', '2026-13-01']) {
      expect((await get(server, `/admin/metrics/summary?asOf=${asOf}`)).body).toEqual({
        statusCode: 400,
        error: 'invalid_payload',
        errors: ['asOf must be a day as YYYY-MM-DD'],
      });
    }
  });

  it('pages, filters and sorts the users', async () => {
    const first = await get(server, '/admin/users?limit=10&sort=nickname');
    expect(first.body.total).toBe(40);
    expect(first.body.items).toHaveLength(10);
    expect(first.body.items[0]).toMatchObject({ nickname: 'Cal 1', variant: 'CONTROL', messageCount: 8, visitCount: 4, online: false });
    const second = await get(server, '/admin/users?limit=10&offset=10&sort=nickname');
    const ids = new Set([...first.body.items, ...second.body.items].map((u: { id: string }) => u.id));
    expect(ids.size).toBe(20);

    const treatment = await get(server, '/admin/users?variant=TREATMENT&sort=-messageCount&limit=3');
    expect(treatment.body.total).toBe(16);
    expect(treatment.body.items.map((u: { messageCount: number }) => u.messageCount)).toEqual([15, 15, 9]);

    const bad = await get(server, '/admin/users?limit=0&offset=-1&variant=BOTH&sort=id&extra=1');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([expect.stringContaining('limit'), expect.stringContaining('offset'), expect.stringContaining('variant'), expect.stringContaining('sort'), expect.stringContaining('extra')]),
    );
    expect((await get(server, '/admin/users?limit=201')).status).toBe(400);
  });

  it('marks connected users online', async () => {
    const client = await LobbyClient.connect(server.url);
    const { user } = await client.start('Online Olive');
    const { body } = await get(server, '/admin/users?sort=-lastSeenAt&limit=200');
    expect(body.items.find((u: { id: string }) => u.id === user.id)).toMatchObject({ online: true, visitCount: 1 });
    client.close();
  });

  it('documents every admin route and the bearer auth in Swagger', async () => {
    const response = await fetch(`${server.url}/api/docs/json`);
    const doc = await response.json();
    expect(Object.keys(doc.paths).sort()).toEqual([...ROUTES, '/admin/session'].sort());
    for (const route of ROUTES) {
      expect(doc.paths[route].get.security).toEqual([{ bearer: [] }]);
      if (route.endsWith('.csv')) expect(Object.keys(doc.paths[route].get.responses['200'].content)).toEqual(['text/csv']);
      else expect(doc.paths[route].get.responses['200'].content['application/json'].schema.$ref).toMatch(/Dto$/);
      expect(doc.paths[route].get.responses['401']).toBeDefined();
    }
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect((await fetch(`${server.url}/api/docs`)).status).toBe(200);
  });

  it('gives every query parameter a scalar schema, so "Try it out" can send it', async () => {
    const doc = await (await fetch(`${server.url}/api/docs/json`)).json();
    const parameters: { route: string; name: string; schema: { type?: string; enum?: unknown[] } }[] = [];
    for (const [route, methods] of Object.entries<Record<string, { parameters?: { name: string; schema: { type?: string } }[] }>>(doc.paths)) {
      for (const operation of Object.values(methods)) {
        for (const parameter of operation.parameters ?? []) parameters.push({ route, ...parameter });
      }
    }
    expect(parameters.map((p) => `${p.route}?${p.name}`)).toEqual(expect.arrayContaining(['/admin/users?limit', '/admin/users?offset', '/admin/users?sort', '/admin/metrics/summary?asOf']));
    for (const parameter of parameters) {
      expect({ parameter: `${parameter.route}?${parameter.name}`, type: parameter.schema.type }).toEqual({
        parameter: `${parameter.route}?${parameter.name}`,
        type: expect.stringMatching(/^(string|integer|number|boolean)$/),
      });
    }
    // And the request Swagger UI makes from the documented example values is answered.
    const users = doc.paths['/admin/users'].get.parameters as { name: string; example?: unknown; schema: { default?: unknown; enum?: unknown[] } }[];
    const query = users
      .map((p) => [p.name, p.example ?? p.schema.default ?? p.schema.enum?.[0]] as const)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`)
      .join('&');
    expect((await get(server, `/admin/users?${query}`)).status).toBe(200);
  });

  it('exports the users of a past cut as CSV that agrees with that day\'s summary', async () => {
    const asOf = '2026-10-31';
    const { header, rows, raw } = await exportUsers(server, `?asOf=${asOf}`);
    expect(header).toEqual([...USERS_CSV_COLUMNS]);
    expect(raw.endsWith('\r\n')).toBe(true);
    const { body: summary } = await get(server, `/admin/metrics/summary?asOf=${asOf}`);
    expect(rows).toHaveLength(summary.totals.users);
    const sum = (list: CsvUser[], column: 'messages' | 'visits') => list.reduce((total, row) => total + Number(row[column]), 0);
    expect(sum(rows, 'messages')).toBe(summary.totals.messages);
    expect(sum(rows, 'visits')).toBe(summary.totals.visits);
    for (const variant of ['CONTROL', 'TREATMENT'] as const) {
      const arm = rows.filter((row) => row.variant === variant);
      expect(arm).toHaveLength(summary.arms[variant].users);
      expect(sum(arm, 'messages')).toBe(summary.arms[variant].messages);
      for (const day of ['d1', 'd7'] as const) {
        expect(arm.filter((row) => row[day] !== '')).toHaveLength(summary.arms[variant][day].eligible);
        expect(arm.filter((row) => row[day] === 'true')).toHaveLength(summary.arms[variant][day].retained);
        expect(arm.every((row) => ['', 'true', 'false'].includes(row[day]))).toBe(true);
      }
    }
    // Ordered by firstSeenAt, then id; every user active on their cohort day at least.
    const keys = rows.map((row) => `${row.firstSeenAt}|${row.id}`);
    expect(keys).toEqual([...keys].sort());
    expect(rows.every((row) => row.cohortDay <= asOf && Number(row.activeDays) >= 1)).toBe(true);
  });

  it('quotes what needs quoting, and refuses a cut after today', async () => {
    const client = await LobbyClient.connect(server.url);
    const nickname = 'Ada, "the" Countess';
    const { user } = await client.start(nickname);
    client.close();
    const { rows, raw } = await exportUsers(server);
    expect(raw).toContain(`${user.id},"Ada, ""the"" Countess",`);
    const row = rows.find((candidate) => candidate.id === user.id);
    expect(row).toMatchObject({ nickname, cohortDay: utcDay(), visits: '1', d1: '', d7: '' });
    for (const route of ['/admin/export/users.csv', '/admin/metrics/summary']) {
      const tomorrow = await get(server, `${route}?asOf=${addDays(utcDay(), 1)}`);
      expect(tomorrow.status).toBe(400);
      expect(tomorrow.body).toMatchObject({ statusCode: 400, error: 'invalid_payload', errors: [expect.stringContaining('asOf')] });
    }
  });

  it('signs a browser in with a session cookie that only the admin API gets', async () => {
    const signIn = (token: string) =>
      fetch(`${server.url}/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    const wrong = await signIn('wrong-token');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect((await fetch(`${server.url}/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(400);

    const right = await signIn(TOKEN);
    expect(right.status).toBe(204);
    const setCookie = right.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^moodlobby_admin=\d+\.[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; SameSite=Strict/i);
    expect(setCookie).toMatch(/; Path=\/admin(;|$)/);
    expect(setCookie).not.toMatch(/Expires|Max-Age/i); // a browser-session cookie
    expect(setCookie).not.toContain(TOKEN);
    const cookie = setCookie.split(';')[0];

    const withCookie = (path: string, value = cookie) => fetch(`${server.url}${path}`, { headers: { cookie: value } });
    expect((await withCookie('/admin/session')).status).toBe(204);
    for (const route of ROUTES) expect((await withCookie(route)).status).toBe(200);
    const [name, value] = cookie.split('=');
    const [issued, signature] = value.split('.');
    expect((await withCookie('/admin/users', `${name}=${Number(issued) + 1}.${signature}`)).status).toBe(401);
    expect((await withCookie('/admin/users', `${name}=${issued}.${signature.slice(1)}A`)).status).toBe(401);
    expect((await withCookie('/admin/users', `other=${value}`)).status).toBe(401);
    // A wrong bearer token is refused even with a good cookie: the header is the caller's claim.
    expect((await fetch(`${server.url}/admin/users`, { headers: { cookie, authorization: 'Bearer wrong' } })).status).toBe(401);
    // Navigating to the route in a browser reaches the API, not the web app's index.html.
    expect((await fetch(`${server.url}/admin/session`, { headers: { cookie, accept: 'text/html' } })).status).toBe(204);

    const signOut = await fetch(`${server.url}/admin/session`, { method: 'DELETE', headers: { cookie } });
    expect(signOut.status).toBe(204);
    expect(signOut.headers.get('set-cookie')).toMatch(/^moodlobby_admin=;.*Expires=Thu, 01 Jan 1970/i);
  });
});

describe('admin API on an empty database', () => {
  let server: ApiServer;
  beforeAll(async () => {
    server = await startApi({ env: { ADMIN_TOKEN: TOKEN } });
  });
  afterAll(() => server.dispose());

  it('answers every route with 200, zeros and nulls', async () => {
    const summary = await get(server, '/admin/metrics/summary');
    expect(summary.status).toBe(200);
    expect(summary.body.totals).toEqual({ users: 0, messages: 0, visits: 0 });
    expect(summary.body.arms.TREATMENT.d7.rate).toBeNull();
    expect(summary.body.comparison.d1).toEqual({ diff: null, ciLow: null, ciHigh: null, pValue: null, se: null, sequential: null, chanceToWin: null, expectedLoss: null, mde80: null });
    const daily = await get(server, '/admin/metrics/daily');
    expect(daily.status).toBe(200);
    expect(daily.body.days).toHaveLength(30);
    expect(summary.body.decision).toMatchObject({ verdict: 'keep-running', mde80: null, daysToTarget: null });
    expect(summary.body.cohorts).toEqual([]);
    expect(summary.body.curve.CONTROL.every((point: { eligible: number; rate: number | null }) => point.eligible === 0 && point.rate === null)).toBe(true);
    const users = await get(server, '/admin/users');
    expect(users.body).toEqual({ total: 0, limit: 50, offset: 0, items: [] });
    const exported = await exportUsers(server);
    expect(exported.rows).toEqual([]);
    expect(exported.raw).toBe(`${USERS_CSV_COLUMNS.join(',')}\r\n`);
  });
});

describe('admin token', () => {
  it('is generated and logged once when ADMIN_TOKEN is unset', async () => {
    const server = await startApi({ env: { LOG_LEVEL: 'info' } });
    const tokensLogged = () => [...server.output().matchAll(/admin token is ([A-Za-z0-9_-]+)/g)].map((match) => match[1]);
    try {
      // The API is healthy before its log line has come through the pipe to this process.
      for (const deadline = Date.now() + 5000; tokensLogged().length === 0 && Date.now() < deadline; ) await sleep(20);
      const [token] = tokensLogged();
      expect(token).toBeDefined();
      expect((await get(server, '/admin/users', token)).status).toBe(200);
      expect((await get(server, '/admin/users', 'guess')).status).toBe(401);
      expect(tokensLogged()).toEqual([token]);
    } finally {
      await server.dispose();
    }
  });
});
