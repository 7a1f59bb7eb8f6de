import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { ClientEvent, ServerEvent } from '@moodlobby/shared';
import { FakeSocketService } from '../testing/fake-socket.service';
import { aMessage, aSessionAck } from '../testing/fixtures';
import { App } from './app';
import { appRoutes } from './app.routes';
import { SocketService } from './session/data-access/socket.service';

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
    await TestBed.inject(Router).navigateByUrl('/'); // what bootstrap does in the browser
    await fixture.whenStable();
    socket.setStatus('connected');
    await fixture.whenStable();

    expect(root.querySelector('[data-testid="message-list"]')).toBeNull();
    expect(root.querySelector('[data-testid="connection-status"]')?.getAttribute('data-state')).toBe('connected');
    const input = root.querySelector('[data-testid="nickname-input"]') as HTMLInputElement;
    input.value = 'Ada';
    input.dispatchEvent(new Event('input'));
    (root.querySelector('[data-testid="join-button"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(socket.sent(ClientEvent.SessionStart)).toEqual([{ nickname: 'Ada' }]);

    const hello = aMessage({ text: 'hello from history' });
    socket.serverEmit(ServerEvent.SessionAck, aSessionAck({ history: [hello] }));
    await fixture.whenStable();
    await waitFor(() => root.querySelector('[data-testid="message-list"]'));

    expect(root.querySelector('[data-testid="nickname-input"]')).toBeNull();
    expect(root.querySelector('[data-testid="message-text"]')?.textContent).toBe('hello from history');
    expect(root.querySelector('[data-testid="online-user"]')?.textContent).toContain('(you)');
    expect(root.querySelector('[data-testid="char-count"]')?.textContent?.trim()).toBe('0 / 120');
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

/** The chat chunk loads asynchronously; poll the DOM briefly. */
async function waitFor<T>(probe: () => T | null, timeoutMs = 2000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const found = probe();
    if (found) return found;
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for the view');
    await new Promise((r) => setTimeout(r, 10));
  }
}
