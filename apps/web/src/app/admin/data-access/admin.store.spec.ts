import { HttpClient, HttpRequest, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { aDaily, aSummary, aUsersPage } from '../testing/admin-fixtures';
import { AdminApiService } from './admin-api.service';
import { adminAuthInterceptor } from './admin-auth.interceptor';
import { AdminSessionStore } from './admin-session.store';
import { AdminStore } from './admin.store';

/** Only Date is faked: "today" is 2026-11-25 (UTC) whatever the machine's clock and zone. */
const NOW = new Date('2026-11-25T22:30:00Z');
const unauthorized = { status: 401, statusText: 'Unauthorized' };
const unauthorizedBody = { statusCode: 401, error: 'unauthorized', message: 'The admin token is not valid' };

describe('AdminStore with the admin API', () => {
  let http: HttpTestingController;

  /** The store, with the server's answer to "is this browser signed in?" (204 or 401). */
  function setup(signedIn = false): AdminStore {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([adminAuthInterceptor])),
        provideHttpClientTesting(),
        AdminApiService,
        AdminStore,
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const store = TestBed.inject(AdminStore);
    const check = expectSession('GET');
    if (signedIn) check.flush(null, { status: 204, statusText: 'No Content' });
    else check.flush(unauthorizedBody, unauthorized);
    return store;
  }

  const expectSession = (method: string) => http.expectOne((r) => r.url === '/admin/session' && r.method === method);

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

  it('asks the server whether this browser is signed in, and loads nothing when it is not', () => {
    const store = setup(false);
    expect(store.signedIn()).toBe(false);
    expect(store.sessionStatus()).toBe('signed-out');
    expect(store.asOf()).toBe('2026-11-25');
    store.refresh();
    http.expectNone(() => true);
  });

  it('loads every section when signed in (another tab signed in), for today (UTC) and the 30 days up to it', () => {
    const store = setup(true);
    expect(store.signedIn()).toBe(true);

    const summary = expectSummary();
    const daily = expectDaily();
    const users = expectUsers();
    // No token travels with the requests: the browser sends the session cookie by itself.
    for (const req of [summary, daily, users]) expect(req.request.headers.has('Authorization')).toBe(false);
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

  it('signs in by exchanging the token for the session cookie, and keeps the token nowhere', () => {
    const store = setup(false);
    store.signIn('  typed-token ');
    expect(store.signingIn()).toBe(true);
    const signIn = expectSession('POST');
    expect(signIn.request.body).toEqual({ token: 'typed-token' });
    http.expectNone(isPath('/admin/metrics/summary'));
    signIn.flush(null, { status: 204, statusText: 'No Content' });
    expect(store.signedIn()).toBe(true);
    expect(store.signingIn()).toBe(false);
    answerAll();
    expect(sessionStorage.length + localStorage.length).toBe(0);
  });

  it('says a refused token was refused, and signs in with the right one', () => {
    const store = setup(false);
    store.signIn('wrong');
    expectSession('POST').flush(unauthorizedBody, unauthorized);
    expect(store.signedIn()).toBe(false);
    expect(store.tokenRejected()).toBe(true);
    http.expectNone(isPath('/admin/metrics/summary'));

    store.signIn('right');
    expectSession('POST').flush(null, { status: 204, statusText: 'No Content' });
    expect(store.tokenRejected()).toBe(false);
    answerAll();
  });

  it('ends the session on a 401 from any call, cancels the rest and asks again', () => {
    const store = setup(true);
    expectSummary().flush(unauthorizedBody, unauthorized);
    expect(store.signedIn()).toBe(false);
    expect(store.sessionExpired()).toBe(true);
    expect(store.tokenRejected()).toBe(false);
    expect(store.summaryError()).toBeNull();
    expect(expectDaily().cancelled).toBe(true);
    expect(expectUsers().cancelled).toBe(true);
  });

  it('ends the session on a 401 from the users list too', () => {
    const store = setup(true);
    expectSummary().flush(aSummary());
    expectDaily().flush(aDaily());
    expectUsers().flush(unauthorizedBody, unauthorized);
    expect(store.signedIn()).toBe(false);
    expect(store.summary()).toBeNull();
  });

  it('passes the chosen asOf day through to the readout and the daily range', () => {
    const store = setup(true);
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
    const store = setup(true);
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
    const store = setup(true);
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
    const store = setup(true);
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
    const store = setup(true);
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

  it('signs out: the server clears the cookie, the page forgets the data', () => {
    const store = setup(true);
    answerAll();
    store.signOut();
    expectSession('DELETE').flush(null, { status: 204, statusText: 'No Content' });
    expect(store.signedIn()).toBe(false);
    expect(store.tokenRejected()).toBe(false);
    expect(store.summary()).toBeNull();
    expect(store.users()).toBeNull();
  });
});

describe('adminAuthInterceptor', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(withInterceptors([adminAuthInterceptor])), provideHttpClientTesting(), AdminApiService],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('ends a signed-in session on a 401 from the admin API, and only from it', () => {
    const session = TestBed.inject(AdminSessionStore);
    const client = TestBed.inject(HttpClient);
    session.signedInNow();
    client.get('/health').subscribe({ error: () => undefined });
    client.get('https://elsewhere.example/admin/users').subscribe({ error: () => undefined });
    http.expectOne('/health').flush(unauthorizedBody, unauthorized);
    http.expectOne('https://elsewhere.example/admin/users').flush(unauthorizedBody, unauthorized);
    expect(session.signedIn()).toBe(true);

    client.get(`${location.origin}/admin/users`).subscribe({ error: () => undefined });
    const request = http.expectOne(`${location.origin}/admin/users`);
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush(unauthorizedBody, unauthorized);
    expect(session.signedIn()).toBe(false);
    expect(session.expired()).toBe(true);
  });

  it('leaves a refused sign-in to the store: a wrong token is not an ended session', () => {
    const session = TestBed.inject(AdminSessionStore);
    session.signedOut();
    TestBed.inject(AdminApiService).signIn('nope').subscribe({ error: () => undefined });
    http.expectOne('/admin/session').flush(unauthorizedBody, unauthorized);
    expect(session.expired()).toBe(false);
  });
});
