import { HttpClient, HttpRequest, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { aDaily, aSummary, aUsersPage } from '../testing/admin-fixtures';
import { AdminApiService } from './admin-api.service';
import { adminAuthInterceptor } from './admin-auth.interceptor';
import { ADMIN_TOKEN_KEY, AdminTokenStore } from './admin-token.store';
import { AdminStore } from './admin.store';

/** Only Date is faked: "today" is 2026-11-25 (UTC) whatever the machine's clock and zone. */
const NOW = new Date('2026-11-25T22:30:00Z');
const unauthorized = { status: 401, statusText: 'Unauthorized' };
const unauthorizedBody = { statusCode: 401, error: 'unauthorized', message: 'The admin token is not valid' };

describe('AdminStore with the admin API', () => {
  let http: HttpTestingController;

  function setup(savedToken: string | null = null): AdminStore {
    sessionStorage.clear();
    if (savedToken) sessionStorage.setItem(ADMIN_TOKEN_KEY, savedToken);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([adminAuthInterceptor])),
        provideHttpClientTesting(),
        AdminApiService,
        AdminStore,
      ],
    });
    http = TestBed.inject(HttpTestingController);
    return TestBed.inject(AdminStore);
  }

  const isPath = (path: string) => (req: HttpRequest<unknown>) => req.url === path;
  const expectSummary = () => http.expectOne(isPath('/admin/metrics/summary'));
  const expectDaily = () => http.expectOne(isPath('/admin/metrics/daily'));
  const expectUsers = () => http.expectOne(isPath('/admin/users'));
  const query = (req: TestRequest) => req.request.urlWithParams.split('?')[1];

  /** Answers the three first loads. */
  function answerAll(): void {
    expectSummary().flush(aSummary());
    expectDaily().flush(aDaily());
    expectUsers().flush(aUsersPage());
  }

  beforeEach(() => {
    jest.useFakeTimers({
      now: NOW,
      doNotFake: [
        'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame',
        'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval',
        'clearInterval', 'setTimeout', 'clearTimeout',
      ],
    });
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
    sessionStorage.clear();
  });

  it('asks for a token first and loads nothing without one', () => {
    const store = setup();
    expect(store.signedIn()).toBe(false);
    expect(store.asOf()).toBe('2026-11-25');
    store.refresh();
    http.expectNone(() => true);
  });

  it('loads every section with the bearer token, for today (UTC) and the 30 days up to it', () => {
    const store = setup('s3cret');
    expect(store.signedIn()).toBe(true);

    const summary = expectSummary();
    const daily = expectDaily();
    const users = expectUsers();
    for (const req of [summary, daily, users]) {
      expect(req.request.headers.get('Authorization')).toBe('Bearer s3cret');
    }
    expect(query(summary)).toBe('asOf=2026-11-25');
    expect(query(daily)).toBe('from=2026-10-27&to=2026-11-25');
    expect(query(users)).toBe('limit=50&offset=0&sort=-lastSeenAt');
    expect(store.summaryLoading()).toBe(true);

    summary.flush(aSummary());
    daily.flush(aDaily());
    users.flush(aUsersPage());
    expect(store.summaryLoading()).toBe(false);
    expect(store.summary()?.arms.TREATMENT.users).toBe(12);
    expect(store.daily()?.days).toHaveLength(3);
    expect(store.users()?.items.map((u) => u.nickname)).toEqual(['Ada', 'Grace']);
  });

  it('keeps the token entered for this browser session and sends it', () => {
    const store = setup();
    store.signIn('  typed-token ');
    expect(sessionStorage.getItem(ADMIN_TOKEN_KEY)).toBe('typed-token');
    expect(expectSummary().request.headers.get('Authorization')).toBe('Bearer typed-token');
    expectDaily().flush(aDaily());
    expectUsers().flush(aUsersPage());
  });

  it('drops the token on a 401 from any call and asks again', () => {
    const store = setup('wrong');
    expectSummary().flush(unauthorizedBody, unauthorized);

    expect(store.signedIn()).toBe(false);
    expect(store.tokenRejected()).toBe(true);
    expect(sessionStorage.getItem(ADMIN_TOKEN_KEY)).toBeNull();
    expect(store.summaryError()).toBeNull();
    // the other requests were cancelled with the token
    expect(expectDaily().cancelled).toBe(true);
    expect(expectUsers().cancelled).toBe(true);

    store.signIn('right');
    expect(store.tokenRejected()).toBe(false);
    expect(expectSummary().request.headers.get('Authorization')).toBe('Bearer right');
    expectDaily().flush(aDaily());
    expectUsers().flush(aUsersPage());
  });

  it('drops the token on a 401 from the users list too', () => {
    const store = setup('expired');
    expectSummary().flush(aSummary());
    expectDaily().flush(aDaily());
    expectUsers().flush(unauthorizedBody, unauthorized);
    expect(store.signedIn()).toBe(false);
    expect(store.summary()).toBeNull();
    expect(sessionStorage.getItem(ADMIN_TOKEN_KEY)).toBeNull();
  });

  it('passes the chosen asOf day through to the readout and the daily range', () => {
    const store = setup('t');
    answerAll();

    store.setAsOf('2026-03-01');
    expect(query(expectSummary())).toBe('asOf=2026-03-01');
    expect(query(expectDaily())).toBe('from=2026-01-31&to=2026-03-01');
    http.expectNone(isPath('/admin/users'));
    expect(store.asOf()).toBe('2026-03-01');

    store.setAsOf('2026-02-30');
    store.setAsOf('');
    http.expectNone(() => true);
    expect(store.asOf()).toBe('2026-03-01');
  });

  it('pages through users with limit and offset', () => {
    const store = setup('t');
    expectSummary().flush(aSummary());
    expectDaily().flush(aDaily());
    expectUsers().flush(aUsersPage({ total: 120, items: [] }));
    expect(store.canPrevUsers()).toBe(false);
    expect(store.canNextUsers()).toBe(true);

    store.nextUsersPage();
    const second = expectUsers();
    expect(query(second)).toBe('limit=50&offset=50&sort=-lastSeenAt');
    second.flush(aUsersPage({ total: 120, offset: 50, items: [] }));

    store.nextUsersPage();
    const third = expectUsers();
    expect(query(third)).toBe('limit=50&offset=100&sort=-lastSeenAt');
    third.flush(aUsersPage({ total: 120, offset: 100, items: [] }));
    expect(store.canNextUsers()).toBe(false);
    store.nextUsersPage();
    http.expectNone(isPath('/admin/users'));

    store.prevUsersPage();
    expect(query(expectUsers())).toBe('limit=50&offset=50&sort=-lastSeenAt');
  });

  it('filters users by arm and sorts by a field, back on the first page', () => {
    const store = setup('t');
    expectSummary().flush(aSummary());
    expectDaily().flush(aDaily());
    expectUsers().flush(aUsersPage({ total: 120 }));
    store.nextUsersPage();
    expectUsers().flush(aUsersPage({ total: 120, offset: 50 }));

    store.setVariant('TREATMENT');
    expect(query(expectUsers())).toBe('limit=50&offset=0&sort=-lastSeenAt&variant=TREATMENT');

    store.sortUsersBy('nickname'); // names read A→Z first
    expect(query(expectUsers())).toBe('limit=50&offset=0&sort=nickname&variant=TREATMENT');
    store.sortUsersBy('nickname'); // again: flips
    expect(query(expectUsers())).toBe('limit=50&offset=0&sort=-nickname&variant=TREATMENT');
    store.sortUsersBy('messageCount'); // counts read largest first
    expect(query(expectUsers())).toBe('limit=50&offset=0&sort=-messageCount&variant=TREATMENT');
    store.sortUsersBy('lastSeenAt');
    expect(query(expectUsers())).toBe('limit=50&offset=0&sort=-lastSeenAt&variant=TREATMENT');
    store.sortUsersBy('lastSeenAt');
    expect(query(expectUsers())).toBe('limit=50&offset=0&sort=lastSeenAt&variant=TREATMENT');

    store.setVariant(null);
    expect(query(expectUsers())).toBe('limit=50&offset=0&sort=lastSeenAt');
    expect(store.usersQuery()).toEqual({ limit: 50, offset: 0, variant: null, sort: 'lastSeenAt' });
  });

  it('keeps only the latest request of a section', () => {
    const store = setup('t');
    expectSummary().flush(aSummary());
    expectDaily().flush(aDaily());
    expectUsers().flush(aUsersPage());

    store.setVariant('CONTROL');
    const first = expectUsers();
    store.setVariant('TREATMENT');
    expect(first.cancelled).toBe(true);
    expectUsers().flush(aUsersPage({ total: 1, items: [aUsersPage().items[1]] }));
    expect(store.users()?.items.map((u) => u.variant)).toEqual(['TREATMENT']);
  });

  it('shows a friendly error per section and keeps the others', () => {
    const store = setup('t');
    expectSummary().flush({ statusCode: 500, message: 'Internal server error' }, { status: 500, statusText: 'Server Error' });
    expectDaily().flush(
      { statusCode: 400, error: 'invalid_payload', errors: ['the range may span at most 366 days'] },
      { status: 400, statusText: 'Bad Request' },
    );
    expectUsers().flush(aUsersPage());

    expect(store.signedIn()).toBe(true);
    expect(store.summaryError()).toBe('The server failed to answer (HTTP 500). Try refreshing in a moment.');
    expect(store.dailyError()).toBe('The server refused the request: the range may span at most 366 days.');
    expect(store.usersError()).toBeNull();
    expect(store.users()?.total).toBe(2);

    store.refresh();
    expect(store.summaryError()).toBeNull();
    expectSummary().error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
    expect(store.summaryError()).toBe('Could not reach the server. Check that it is running, then refresh.');
    expectDaily().flush(aDaily());
    expectUsers().flush(aUsersPage());
  });

  it('signs out: forgets the token and the data', () => {
    const store = setup('t');
    answerAll();
    store.signOut();
    expect(store.signedIn()).toBe(false);
    expect(store.tokenRejected()).toBe(false);
    expect(sessionStorage.getItem(ADMIN_TOKEN_KEY)).toBeNull();
    expect(store.summary()).toBeNull();
    expect(store.users()).toBeNull();
  });
});

describe('adminAuthInterceptor', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([adminAuthInterceptor])), provideHttpClientTesting(), AdminApiService],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('adds the header to admin API calls only', () => {
    TestBed.inject(AdminTokenStore).set('tok');
    const client = TestBed.inject(HttpClient);

    const sameOrigin = `${location.origin}/admin/users`;
    client.get('/health').subscribe();
    client.get(sameOrigin).subscribe();
    client.get('/administrator/x').subscribe();
    client.get('https://elsewhere.example/admin/users').subscribe();
    expect(http.expectOne('/health').request.headers.has('Authorization')).toBe(false);
    expect(http.expectOne(sameOrigin).request.headers.get('Authorization')).toBe('Bearer tok');
    expect(http.expectOne('/administrator/x').request.headers.has('Authorization')).toBe(false);
    expect(http.expectOne('https://elsewhere.example/admin/users').request.headers.has('Authorization')).toBe(false);
  });

  it('sends no header without a token', () => {
    TestBed.inject(AdminApiService).summary('2026-11-25').subscribe({ error: () => undefined });
    expect(http.expectOne((r) => r.url === '/admin/metrics/summary').request.headers.has('Authorization')).toBe(false);
  });

  it('does not drop a token entered after the refused request went out', () => {
    const tokens = TestBed.inject(AdminTokenStore);
    tokens.set('old');
    TestBed.inject(AdminApiService).summary('2026-11-25').subscribe({ error: () => undefined });
    const stale = http.expectOne((r) => r.url === '/admin/metrics/summary');
    tokens.set('new');
    stale.flush(unauthorizedBody, unauthorized);
    expect(tokens.token()).toBe('new');
    expect(tokens.rejected()).toBe(false);
    expect(sessionStorage.getItem(ADMIN_TOKEN_KEY)).toBe('new');
  });
});
