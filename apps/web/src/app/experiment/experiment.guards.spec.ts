import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Route, Router, UrlSegment, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ServerEvent, Variant } from '@moodlobby/shared';
import { Observable } from 'rxjs';
import { FakeSocketService } from '../../testing/fake-socket.service';
import { aMessage, aSessionAck } from '../../testing/fixtures';
import { appRoutes } from '../app.routes';
import { openLobby } from '../lobby/data-access/open-lobby';
import { SocketService } from '../lobby/data-access/socket.service';
import { isControl, isTreatment } from './experiment.guards';

describe('experiment guards', () => {
  let socket: FakeSocketService;

  beforeEach(() => {
    localStorage.clear();
    socket = new FakeSocketService();
    TestBed.configureTestingModule({
      providers: [provideRouter(appRoutes), { provide: SocketService, useValue: socket }],
    });
  });

  /** Plays the server: acknowledges a session in the given arm. */
  function acknowledge(variant: string): void {
    const store = TestBed.runInInjectionContext(openLobby);
    socket.setStatus('connected');
    store.join('Ada');
    socket.serverEmit(
      ServerEvent.SessionAck,
      aSessionAck({ user: { id: 'user-1', nickname: 'Ada', variant: variant as Variant }, history: [aMessage()] }),
    );
  }

  /** Runs a guard as the router would and records what it answers. */
  function run(guard: typeof isTreatment): boolean[] {
    const answers: boolean[] = [];
    const result = TestBed.runInInjectionContext(() => guard({} as Route, [] as UrlSegment[]));
    (result as Observable<boolean>).subscribe((ok) => answers.push(ok));
    return answers;
  }

  const settle = () => TestBed.inject(ApplicationRef).whenStable();

  describe('as functions', () => {
    it('let TREATMENT match the VN route only', async () => {
      acknowledge(Variant.Treatment);
      const treatment = run(isTreatment);
      const control = run(isControl);
      await settle();

      expect(treatment).toEqual([true]);
      expect(control).toEqual([false]);
    });

    it('let CONTROL match the chat route only', async () => {
      acknowledge(Variant.Control);
      const treatment = run(isTreatment);
      const control = run(isControl);
      await settle();

      expect(treatment).toEqual([false]);
      expect(control).toEqual([true]);
    });

    it('wait for the acknowledged user, then answer once', async () => {
      const treatment = run(isTreatment);
      const control = run(isControl);
      await settle();
      expect(treatment).toEqual([]);
      expect(control).toEqual([]);

      acknowledge(Variant.Treatment);
      await settle();

      expect(treatment).toEqual([true]);
      expect(control).toEqual([false]);
    });

    it('give an arm this client does not know the chat', async () => {
      acknowledge('SOMETHING_NEW');
      const treatment = run(isTreatment);
      const control = run(isControl);
      await settle();

      expect(treatment).toEqual([false]);
      expect(control).toEqual([true]);
    });
  });

  describe('with the app routes', () => {
    const view = (harness: RouterTestingHarness) => {
      const root = harness.routeNativeElement as HTMLElement | null;
      if (!root) return 'none';
      if (root.querySelector('[data-testid="vn-view"]') || root.matches('[data-testid="vn-view"]')) return 'vn';
      if (root.querySelector('[data-testid="message-list"]')) return 'chat';
      return 'none';
    };

    it.each([
      [Variant.Treatment, '/', 'vn'],
      [Variant.Treatment, '/chat', 'vn'],
      [Variant.Treatment, '/vn', 'vn'],
      [Variant.Treatment, '/no/such/page', 'vn'],
      [Variant.Control, '/', 'chat'],
      [Variant.Control, '/vn', 'chat'],
      [Variant.Control, '/chat', 'chat'],
      [Variant.Control, '/?variant=TREATMENT&arm=vn', 'chat'],
    ])('%s at %s lands on the %s view at /', async (variant, url, expected) => {
      localStorage.setItem('variant', Variant.Treatment); // not a source of the arm
      acknowledge(variant);
      const harness = await RouterTestingHarness.create();

      await harness.navigateByUrl(url);

      expect(view(harness)).toBe(expected);
      expect(TestBed.inject(Router).url.split('?')[0]).toBe('/');
    });

    it('holds the first navigation until the ack, then loads the assigned view', async () => {
      const harness = await RouterTestingHarness.create();
      let done = false;
      const navigation = harness.navigateByUrl('/').then(() => (done = true));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(done).toBe(false);
      expect(view(harness)).toBe('none');

      acknowledge(Variant.Treatment);
      await navigation;

      expect(view(harness)).toBe('vn');
    });
  });
});
