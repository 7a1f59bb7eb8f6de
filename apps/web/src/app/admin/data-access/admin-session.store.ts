import { Injectable, computed, signal } from '@angular/core';

/**
 * Whether this browser is signed in to the admin API. The server keeps the sign-in in a session
 * cookie (HttpOnly, SameSite=Strict, Path=/admin): every tab of the browser shares it, page
 * scripts never see it, and it ends with the browser session. `unknown` until the server said.
 */
export type AdminSessionStatus = 'unknown' | 'signed-in' | 'signed-out';

interface SessionState {
  status: AdminSessionStatus;
  /** The last token entered was refused. */
  rejected: boolean;
  /** The session ended while the page was open (a 401 on a signed-in request). */
  expired: boolean;
}

/**
 * Kept apart from `AdminStore` so the HTTP interceptor (in the route's environment injector) can
 * end the session on a 401 without depending on the page's state.
 */
@Injectable({ providedIn: 'root' })
export class AdminSessionStore {
  private readonly state = signal<SessionState>({ status: 'unknown', rejected: false, expired: false });

  readonly status = computed(() => this.state().status);
  readonly signedIn = computed(() => this.state().status === 'signed-in');
  readonly rejected = computed(() => this.state().rejected);
  readonly expired = computed(() => this.state().expired);

  signedInNow(): void {
    this.state.set({ status: 'signed-in', rejected: false, expired: false });
  }

  signedOut(): void {
    this.state.set({ status: 'signed-out', rejected: false, expired: false });
  }

  /** The token entered was refused. */
  refused(): void {
    this.state.set({ status: 'signed-out', rejected: true, expired: false });
  }

  /** The server answered 401 to a request made while signed in. */
  ended(): void {
    if (this.state().status !== 'signed-in') return;
    this.state.set({ status: 'signed-out', rejected: false, expired: true });
  }
}
