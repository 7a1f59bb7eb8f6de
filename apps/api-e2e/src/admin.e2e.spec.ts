import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ApiServer, createTestDatabase, dropTestDatabase, LobbyClient, startApi } from '@moodlobby/testing';

const TOKEN = 'e2e-admin-token-0123';
const SEED = resolve(__dirname, '../../../dist/apps/api/seed.js');
const ROUTES = ['/admin/metrics/summary', '/admin/metrics/daily', '/admin/users'];

function seed(databaseUrl: string, ...args: string[]) {
  return spawnSync(process.execPath, [SEED, ...args], { env: { PATH: process.env['PATH'], DATABASE_URL: databaseUrl }, encoding: 'utf8' });
}

async function get(server: ApiServer, path: string, token: string | null = TOKEN) {
  const response = await fetch(`${server.url}${path}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) };
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
      expect(doc.paths[route].get.responses['200'].content['application/json'].schema.$ref).toMatch(/Dto$/);
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
    expect(summary.body.comparison.d1).toEqual({ diff: null, ciLow: null, ciHigh: null, pValue: null, se: null });
    const daily = await get(server, '/admin/metrics/daily');
    expect(daily.status).toBe(200);
    expect(daily.body.days).toHaveLength(30);
    const users = await get(server, '/admin/users');
    expect(users.body).toEqual({ total: 0, limit: 50, offset: 0, items: [] });
  });
});

describe('admin token', () => {
  it('is generated and logged once when ADMIN_TOKEN is unset', async () => {
    const server = await startApi({ env: { LOG_LEVEL: 'info' } });
    try {
      const logged = [...server.output().matchAll(/admin token is ([A-Za-z0-9_-]+)/g)];
      expect(logged).toHaveLength(1);
      const token = logged[0][1];
      expect((await get(server, '/admin/users', token)).status).toBe(200);
      expect((await get(server, '/admin/users', 'guess')).status).toBe(401);
    } finally {
      await server.dispose();
    }
  });
});
