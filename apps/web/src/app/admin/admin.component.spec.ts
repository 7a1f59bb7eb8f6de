import { HttpRequest, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { AdminComponent } from './admin.component';
import { adminAuthInterceptor } from './data-access/admin-auth.interceptor';
import type { Summary } from './data-access/admin.models';
import { aDaily, anEmptySummary, aSummary, aUser, aUsersPage } from './testing/admin-fixtures';

// jsdom has no canvas: Chart.js is replaced by a recorder, here only.
jest.mock('chart.js', () => {
  class FakeChart {
    static instances: FakeChart[] = [];
    static register = jest.fn();
    updates = 0;
    destroyed = false;
    data: unknown;
    options: unknown;
    constructor(
      readonly canvas: HTMLCanvasElement,
      readonly config: { type: string; data: unknown; options: unknown },
    ) {
      this.data = config.data;
      this.options = config.options;
      FakeChart.instances.push(this);
    }
    update(): void {
      this.updates++;
    }
    destroy(): void {
      this.destroyed = true;
    }
  }
  return { Chart: FakeChart };
});

interface FakeChart {
  canvas: HTMLCanvasElement;
  config: { type: string };
  data: { labels: string[]; datasets: { label: string; data: (number | null)[] }[] };
  updates: number;
  destroyed: boolean;
}
const charts = (): FakeChart[] => (jest.requireMock('chart.js') as { Chart: { instances: FakeChart[] } }).Chart.instances;
const chartOn = (testId: string): FakeChart => {
  const found = charts().filter((c) => c.canvas.dataset['testid'] === testId && !c.destroyed);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('AdminComponent', () => {
  let fixture: ComponentFixture<AdminComponent>;
  let http: HttpTestingController;

  const root = () => fixture.nativeElement as HTMLElement;
  const byTestId = (id: string) => root().querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const allByTestId = (id: string) => Array.from(root().querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
  const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const isPath = (path: string) => (req: HttpRequest<unknown>) => req.url === path;
  const params = (path: string) => {
    const req = http.expectOne(isPath(path));
    return { req, query: req.request.params };
  };

  const noContent = { status: 204, statusText: 'No Content' };
  const unauthorized = { status: 401, statusText: 'Unauthorized' };
  const sessionCall = (method: string) => http.expectOne((r) => r.url === '/admin/session' && r.method === method);

  /** The dashboard, after the server said whether this browser is signed in. */
  async function create(signedIn: boolean): Promise<void> {
    fixture = TestBed.createComponent(AdminComponent);
    await fixture.whenStable();
    expect(text(root())).toContain('Checking whether this browser is signed in');
    if (signedIn) sessionCall('GET').flush(null, noContent);
    else sessionCall('GET').flush({ statusCode: 401, error: 'unauthorized' }, unauthorized);
    await fixture.whenStable();
  }

  async function answer(summary: Summary = aSummary(), daily = aDaily(), users = aUsersPage()): Promise<void> {
    http.expectOne(isPath('/admin/metrics/summary')).flush(summary);
    http.expectOne(isPath('/admin/metrics/daily')).flush(daily);
    http.expectOne(isPath('/admin/users')).flush(users);
    await fixture.whenStable();
  }

  beforeEach(() => {
    sessionStorage.clear();
    charts().length = 0;
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([adminAuthInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    sessionStorage.clear();
  });

  it('asks for the token, signs the browser in with it and loads the dashboard', async () => {
    await create(false);
    expect(byTestId('readout-table')).toBeNull();
    expect(byTestId('admin-signout')).toBeNull();
    const input = byTestId('admin-token-input') as HTMLInputElement;
    expect(input.type).toBe('password');

    input.value = 'let-me-in';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    byTestId('admin-token-submit')?.click();
    await fixture.whenStable();
    expect(text(byTestId('admin-token-submit'))).toBe('Signing in…');
    const signIn = sessionCall('POST');
    expect(signIn.request.body).toEqual({ token: 'let-me-in' });
    signIn.flush(null, noContent);
    await fixture.whenStable();
    const summary = http.expectOne(isPath('/admin/metrics/summary'));
    expect(summary.request.headers.has('Authorization')).toBe(false);
    summary.flush(aSummary());
    http.expectOne(isPath('/admin/metrics/daily')).flush(aDaily());
    http.expectOne(isPath('/admin/users')).flush(aUsersPage());
    await fixture.whenStable();

    expect(byTestId('admin-token-input')).toBeNull();
    expect(byTestId('readout-table')).not.toBeNull();
  });

  it('renders the readout: a row per arm and TREATMENT − CONTROL with verdicts', async () => {
    await create(true);
    await answer();

    const arms = allByTestId('readout-arm');
    expect(arms.map((r) => r.dataset['arm'])).toEqual(['CONTROL', 'TREATMENT']);
    const cells = (row: HTMLElement) => Array.from(row.querySelectorAll('th, td')).map(text);
    expect(cells(arms[0])).toEqual(['CONTROL', '10', '30', '3.00', '20', '1 m 23 s', '25.0% (2/8)', '—']);
    expect(cells(arms[1])).toEqual(['TREATMENT', '12', '48', '4.00', '24', '2 m 5 s', '60.0% (6/10)', '—']);
    expect(byTestId('readout-table')?.contains(arms[0])).toBe(true);

    const diffs = allByTestId('readout-diff');
    expect(diffs.map((r) => r.dataset['metric'])).toEqual(['d1', 'd7', 'messagesPerUser']);
    // The always-valid interval leads; the fixed-horizon one (p = 0.0312 < 0.05) is secondary and
    // does not make a verdict on its own.
    expect(cells(diffs[0])).toEqual([
      'D1 retention',
      '+35.0 pp',
      '[−45.0, +100] pp',
      '96%',
      '±58.4 pp',
      '[−5.87, +75.9] pp · p 0.0312',
      'No clear difference yet',
    ]);
    expect(cells(diffs[1])).toEqual(['D7 retention', '—', '—', '50%', '—', '— · p —', 'Not enough data yet']);
    expect(cells(diffs[2])).toEqual(['Messages per user', '+1.00', '[−2.10, +4.10]', '92%', '±2.01', '[−0.500, +2.50] · p 0.180', 'No clear difference yet']);
    expect(allByTestId('verdict').map(text)).toEqual(['No clear difference yet', 'Not enough data yet', 'No clear difference yet']);
    // The decision comes first, in words.
    const decision = byTestId('decision');
    expect(decision?.dataset['verdict']).toBe('keep-running');
    expect(text(byTestId('decision-headline'))).toBe('Keep running');
    expect(decision?.compareDocumentPosition(byTestId('readout-table') as HTMLElement) ?? 0).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
    expect(allByTestId('cohort-row').map((row) => Array.from(row.querySelectorAll('th, td')).map(text))).toEqual([
      ['2026-11-16', 'CONTROL', '8', '25.0% (2/8)', '—'],
      ['2026-11-16', 'TREATMENT', '10', '60.0% (6/10)', '—'],
      ['2026-11-23', 'CONTROL', '2', '—', '—'],
      ['2026-11-23', 'TREATMENT', '2', '—', '—'],
    ]);
    expect(byTestId('admin-export')?.getAttribute('href')).toBe('/admin/export/users.csv?asOf=2026-11-25');
    expect(byTestId('srm-warning')).toBeNull();
    expect(byTestId('admin-error')).toBeNull();
  });

  it('warns about a sample ratio mismatch only when it is flagged', async () => {
    await create(true);
    const flagged = aSummary({
      srm: { expectedTreatmentShare: 0.5, observedTreatmentShare: 0.8, chiSquare: 36, pValue: 2e-9, flagged: true },
    });
    await answer(flagged);

    const warning = byTestId('srm-warning');
    expect(warning?.getAttribute('role')).toBe('alert');
    expect(text(warning)).toContain('Sample ratio mismatch: TREATMENT has 80.0% of users, 50.0% expected (p < 0.001)');
    expect(text(byTestId('srm-status'))).toBe('Mismatch (p < 0.001)');

    byTestId('admin-refresh')?.click();
    await answer(aSummary());
    expect(byTestId('srm-warning')).toBeNull();
    expect(text(byTestId('srm-status'))).toBe('OK');
  });

  it('shows inference health, jobs by status, skipped jobs and messages by mood', async () => {
    await create(true);
    await answer();
    const health = byTestId('inference-health') as HTMLElement;
    const status = (s: string) => text(health.querySelector(`[data-status="${s}"] dd`));
    expect([status('PENDING'), status('PROCESSING'), status('DONE'), status('FAILED'), status('SKIPPED')]).toEqual(['1', '0', '75', '2', '4']);
    expect(health.querySelector('[data-status="SKIPPED"] dd')?.classList.contains('bad')).toBe(true);
    expect(text(health.querySelector('[data-testid="latency-mean"]'))).toBe('413 ms');
    expect(text(health.querySelector('[data-testid="latency-p95"]'))).toBe('1.83 s');
    expect(text(health.querySelector('[data-mood="happy"] dd'))).toBe('20');
    expect(text(health.querySelector('[data-mood="disgusted"] dd'))).toBe('0');
  });

  it('draws the three charts with the right data and a summary for screen readers, and updates them', async () => {
    await create(true);
    await answer();

    const active = chartOn('chart-daily-active');
    expect(active.canvas.getAttribute('role')).toBe('img');
    expect(active.canvas.getAttribute('aria-label')).toContain('CONTROL: peak 6 on 2026-11-24');
    expect(active.config.type).toBe('line');
    expect(active.data.labels).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
    expect(active.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['CONTROL', [3, 6, 2]],
      ['TREATMENT', [4, 5, 7]],
    ]);

    const messages = chartOn('chart-daily-messages');
    expect(messages.data.datasets.map((d) => d.data)).toEqual([
      [5, 12, 1],
      [9, 0, 20],
    ]);

    const retention = chartOn('chart-retention');
    expect(retention.config.type).toBe('line');
    expect(retention.data.labels).toHaveLength(14);
    expect(retention.data.datasets.map((d) => [d.label, d.data.slice(0, 7)])).toEqual([
      ['CONTROL', [25, 20, 20, 10, 10, 10, null]],
      ['TREATMENT', [60, 50, 40, 40, 30, 30, null]],
    ]);
    expect(retention.canvas.getAttribute('aria-label')).toContain('CONTROL: D1 25.0% (2/8)');
    expect(byTestId('retention-empty')).toBeNull();

    // new data: the same chart is updated in place
    const next = aDaily();
    next.days[2].arms.CONTROL.activeUsers = 9;
    byTestId('admin-refresh')?.click();
    await answer(aSummary(), next);
    expect(chartOn('chart-daily-active')).toBe(active);
    expect(active.updates).toBeGreaterThan(0);
    expect(active.data.datasets[0].data).toEqual([3, 6, 9]);
    expect(active.canvas.getAttribute('aria-label')).toContain('CONTROL: peak 9 on 2026-11-25');

    fixture.destroy();
    expect(charts().every((c) => c.destroyed)).toBe(true);
  });

  it('reloads the readout and charts for another asOf day', async () => {
    await create(true);
    await answer();
    const asOf = byTestId('admin-asof') as HTMLInputElement;
    asOf.value = '2026-11-01';
    asOf.dispatchEvent(new Event('change'));
    await fixture.whenStable();

    expect(params('/admin/metrics/summary').query.get('asOf')).toBe('2026-11-01');
    const daily = params('/admin/metrics/daily');
    expect([daily.query.get('from'), daily.query.get('to')]).toEqual(['2026-10-03', '2026-11-01']);
    http.expectNone(isPath('/admin/users'));
  });

  it('pages, filters and sorts the users table', async () => {
    await create(true);
    await answer(aSummary(), aDaily(), aUsersPage({ total: 120, items: [aUser({ id: 'u-9' })] }));

    expect(allByTestId('users-row').map((r) => r.dataset['userId'])).toEqual(['u-9']);
    expect(text(byTestId('users-total'))).toBe('Showing 1–1 of 120');
    expect((byTestId('users-prev') as HTMLButtonElement).disabled).toBe(true);
    expect(byTestId('users-row')?.querySelector('[aria-label="online"]')).not.toBeNull();
    expect(byTestId('users-table')?.querySelector('th[aria-sort="descending"]')?.textContent).toContain('Last seen');

    byTestId('users-next')?.click();
    await fixture.whenStable();
    const page2 = params('/admin/users');
    expect(page2.query.get('offset')).toBe('50');
    const fifty = Array.from({ length: 50 }, (_, i) => aUser({ id: `p2-${i}`, online: false }));
    page2.req.flush(aUsersPage({ total: 120, offset: 50, items: fifty }));
    await fixture.whenStable();
    expect(text(byTestId('users-total'))).toBe('Showing 51–100 of 120');
    expect(allByTestId('users-row')).toHaveLength(50);

    const filter = byTestId('users-variant-filter') as HTMLSelectElement;
    filter.value = 'TREATMENT';
    filter.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    const filtered = params('/admin/users');
    expect([filtered.query.get('variant'), filtered.query.get('offset')]).toEqual(['TREATMENT', '0']);
    filtered.req.flush(aUsersPage({ total: 0, items: [] }));
    await fixture.whenStable();
    expect(text(byTestId('users-total'))).toBe('Showing 0 of 0');
    expect(text(byTestId('users-table'))).toContain('No users yet');

    (root().querySelector('[data-sort="messageCount"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    const sorted = params('/admin/users');
    expect([sorted.query.get('sort'), sorted.query.get('variant')]).toEqual(['-messageCount', 'TREATMENT']);
    sorted.req.flush(aUsersPage());
    await fixture.whenStable();
    expect(byTestId('users-table')?.querySelector('th[aria-sort="descending"]')?.textContent).toContain('Messages');
  });

  it('shows zeros and dashes for an empty database, not errors', async () => {
    await create(true);
    const days = aDaily().days.map((d) => ({
      day: d.day,
      arms: { CONTROL: { activeUsers: 0, newUsers: 0, messages: 0 }, TREATMENT: { activeUsers: 0, newUsers: 0, messages: 0 } },
    }));
    await answer(anEmptySummary(), { from: '2026-11-23', to: '2026-11-25', days }, aUsersPage({ total: 0, items: [] }));

    expect(byTestId('admin-error')).toBeNull();
    const cells = Array.from(allByTestId('readout-arm')[0].querySelectorAll('td')).map(text);
    expect(cells).toEqual(['0', '0', '—', '0', '—', '—', '—']);
    expect(allByTestId('verdict').map(text)).toEqual(['Not enough data yet', 'Not enough data yet', 'Not enough data yet']);
    expect(text(byTestId('users-total'))).toBe('Showing 0 of 0');
    expect(text(byTestId('srm-status'))).toBe('Not enough data yet');
    expect(byTestId('srm-warning')).toBeNull();
    expect(chartOn('chart-daily-active').canvas.getAttribute('aria-label')).toContain('CONTROL: nobody active');
  });

  it('on a 401, takes the session as ended and asks again, saying why', async () => {
    await create(true);
    http
      .expectOne(isPath('/admin/metrics/summary'))
      .flush({ statusCode: 401, error: 'unauthorized', message: 'The admin token is not valid' }, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();

    expect(http.expectOne(isPath('/admin/metrics/daily')).cancelled).toBe(true);
    expect(http.expectOne(isPath('/admin/users')).cancelled).toBe(true);
    expect(text(byTestId('admin-error'))).toBe('Your admin session has ended; sign in again');
    expect(byTestId('admin-token-input')).not.toBeNull();
    expect(byTestId('readout-table')).toBeNull();
  });

  it('says which section failed, and keeps the rest', async () => {
    await create(true);
    http.expectOne(isPath('/admin/metrics/summary')).flush({}, { status: 503, statusText: 'Unavailable' });
    http.expectOne(isPath('/admin/metrics/daily')).flush(aDaily());
    http.expectOne(isPath('/admin/users')).flush(aUsersPage());
    await fixture.whenStable();

    expect(allByTestId('admin-error').map(text)).toEqual([
      'Could not load the readout. The server failed to answer (HTTP 503). Try refreshing in a moment.',
    ]);
    expect(byTestId('readout-table')).toBeNull();
    expect(allByTestId('users-row')).toHaveLength(2);
    expect(chartOn('chart-daily-active')).toBeTruthy();
  });

  it('signs out: asks the server to clear the cookie and shows the form', async () => {
    await create(true);
    await answer();
    byTestId('admin-signout')?.click();
    await fixture.whenStable();
    sessionCall('DELETE').flush(null, noContent);
    expect(byTestId('admin-token-input')).not.toBeNull();
    expect(byTestId('admin-error')).toBeNull();
    expect(byTestId('users-table')).toBeNull();
  });
});
