import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { ClientEvent, ServerEvent, Variant } from '@moodlobby/shared';
import { FakeSocketService } from '../testing/fake-socket.service';
import { aMessage, aSessionAck } from '../testing/fixtures';
import { App } from './app';
import { appRoutes } from './app.routes';
import { SessionStore } from './lobby/data-access/session.store';
import { SocketService } from './lobby/data-access/socket.service';

describe('App shell', () => {
  let socket: FakeSocketService;

  beforeEach(() => {
    localStorage.clear();
    socket = new FakeSocketService();
    TestBed.configureTestingModule({
      imports: [App],
      providers: [provideRouter(appRoutes), { provide: SocketService, useValue: socket }],
    });
  });

  it('shows the join form until the session is acknowledged, then the lazy chat', async () => {
    const fixture = TestBed.createComponent(App);
    const root = fixture.nativeElement as HTMLElement;
    // What bootstrap does in the browser: the first navigation starts before the ack and waits for
    // it (so the app is not "stable" until then: render with TestBed.tick() meanwhile).
    let navigated = false;
    const navigation = TestBed.inject(Router)
      .navigateByUrl('/')
      .then((ok) => (navigated = ok));
    TestBed.tick();
    expect(socket.connectCalls).toBe(1); // the lobby is shown, so it connects
    socket.setStatus('connected');
    TestBed.tick();

    expect(root.querySelector('[data-testid="message-list"]')).toBeNull();
    expect(root.querySelector('[data-testid="connection-status"]')?.getAttribute('data-state')).toBe('connected');
    const input = root.querySelector('[data-testid="nickname-input"]') as HTMLInputElement;
    input.value = 'Ada';
    input.dispatchEvent(new Event('input'));
    (root.querySelector('[data-testid="join-button"]') as HTMLButtonElement).click();
    TestBed.tick();
    expect(socket.sent(ClientEvent.SessionStart)).toEqual([{ nickname: 'Ada' }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(navigated).toBe(false);

    const hello = aMessage({ text: 'hello from history' });
    socket.serverEmit(ServerEvent.SessionAck, aSessionAck({ history: [hello] }));
    await expect(navigation).resolves.toBe(true);
    await fixture.whenStable();
    await waitFor(() => root.querySelector('[data-testid="message-list"]'));

    expect(root.querySelector('[data-testid="nickname-input"]')).toBeNull();
    expect(root.querySelector('[data-testid="message-text"]')?.textContent).toBe('hello from history');
    expect(root.querySelector('[data-testid="online-user"]')?.textContent).toContain('(you)');
    expect(root.querySelector('[data-testid="char-count"]')?.textContent?.trim()).toBe('0 / 120');
  });

  it('shows the VN view, not the chat, to a TREATMENT user, at any URL', async () => {
    const fixture = TestBed.createComponent(App);
    const root = fixture.nativeElement as HTMLElement;
    const router = TestBed.inject(Router);
    const navigation = router.navigateByUrl('/chat');
    socket.setStatus('connected');
    TestBed.inject(SessionStore).join('Ada');
    socket.serverEmit(
      ServerEvent.SessionAck,
      aSessionAck({ user: { id: 'user-1', nickname: 'Ada', variant: Variant.Treatment }, history: [aMessage()] }),
    );
    await expect(navigation).resolves.toBe(true);
    await fixture.whenStable();
    await waitFor(() => root.querySelector('[data-testid="vn-view"]'));

    expect(router.url).toBe('/');
    expect(root.querySelector('[data-testid="vn-dialogue"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="message-list"]')).toBeNull();
  });

  it('shows /admin without the lobby: no join form, no socket, even with a saved session', async () => {
    localStorage.setItem('moodlobby.nickname', 'Ada'); // would re-join (and record a visit) in the lobby
    history.replaceState(null, '', '/admin'); // a deep link: the shell knows before the first navigation ends
    try {
      const fixture = TestBed.createComponent(App);
      const root = fixture.nativeElement as HTMLElement;
      await TestBed.inject(Router).navigateByUrl('/admin');
      await fixture.whenStable();
      await waitFor(() => root.querySelector('[data-testid="admin-token-input"]'));

      expect(root.querySelector('[data-testid="nickname-input"]')).toBeNull();
      expect(root.querySelector('[data-testid="connection-status"]')).toBeNull();
      expect(socket.connectCalls).toBe(0);
      expect(socket.sent(ClientEvent.SessionStart)).toEqual([]);
    } finally {
      history.replaceState(null, '', '/');
    }
  });

  it('goes back to the join page on sign-out, and a new join lands on the new user\'s view', async () => {
    const fixture = TestBed.createComponent(App);
    const root = fixture.nativeElement as HTMLElement;
    const navigation = TestBed.inject(Router).navigateByUrl('/');
    socket.setStatus('connected');
    TestBed.inject(SessionStore).join('Ada');
    socket.serverEmit(ServerEvent.SessionAck, aSessionAck({ history: [aMessage()] }));
    await navigation;
    await fixture.whenStable();
    await waitFor(() => root.querySelector('[data-testid="message-list"]'));
    expect(root.querySelector('[data-testid="signed-in-as"]')?.textContent).toContain('Ada');

    (root.querySelector('[data-testid="account-button"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    (root.querySelector('[data-testid="sign-out-button"]') as HTMLButtonElement).click();
    // The navigation started by the sign-out waits for the next user: not stable, so tick.
    TestBed.tick();

    expect(root.querySelector('[data-testid="join-page"]')).not.toBeNull();
    expect(root.querySelector('[data-testid="message-list"]')).toBeNull();
    expect(root.querySelector('[data-testid="signed-in-as"]')).toBeNull();
    expect(socket.reopenCalls).toBe(1);

    // Someone new joins on this browser, in the other arm: the guards run again.
    const input = root.querySelector('[data-testid="nickname-input"]') as HTMLInputElement;
    input.value = 'Tess';
    input.dispatchEvent(new Event('input'));
    (root.querySelector('[data-testid="join-button"]') as HTMLButtonElement).click();
    expect(socket.sent(ClientEvent.SessionStart).at(-1)).toEqual({ nickname: 'Tess' });
    socket.serverEmit(
      ServerEvent.SessionAck,
      aSessionAck({ user: { id: 'user-7', nickname: 'Tess', variant: Variant.Treatment }, token: 'token-7' }),
    );
    await fixture.whenStable();
    await waitFor(() => root.querySelector('[data-testid="vn-view"]'));
    expect(root.querySelector('[data-testid="message-list"]')).toBeNull();
  });

  it('shows notices with their kind', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();

    socket.serverEmit(ServerEvent.ShuttingDown, { reconnectInMs: 500 });
    await fixture.whenStable();

    const notice = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="notice"]') as HTMLElement;
    expect(notice.dataset['kind']).toBe('shutdown');
    expect(notice.textContent).toContain('Server restarting, reconnecting…');
  });
});

/** The view's chunk loads asynchronously; poll the DOM briefly. */
async function waitFor<T>(probe: () => T | null, timeoutMs = 2000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const found = probe();
    if (found) return found;
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for the view');
    await new Promise((r) => setTimeout(r, 10));
  }
}
