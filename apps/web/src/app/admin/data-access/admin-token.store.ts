import { Injectable, computed, signal } from '@angular/core';

/** sessionStorage key: the token lasts for the browser session (the tab), not beyond. */
export const ADMIN_TOKEN_KEY = 'moodlobby.adminToken';

interface TokenState {
  token: string | null;
  /** The last token was refused by the server (401). */
  rejected: boolean;
}

/**
 * The admin bearer token, mirrored in sessionStorage. Kept apart from `AdminStore` so the HTTP
 * interceptor (which lives in the route's environment injector) can read it and drop it on a 401
 * without depending on the page's state.
 */
@Injectable({ providedIn: 'root' })
export class AdminTokenStore {
  private readonly state = signal<TokenState>({ token: readToken(), rejected: false });

  readonly token = computed(() => this.state().token);
  readonly rejected = computed(() => this.state().rejected);

  set(raw: string): void {
    const token = raw.trim();
    if (!token) return;
    writeToken(token);
    this.state.set({ token, rejected: false });
  }

  /** Sign out: forget the token. */
  clear(): void {
    writeToken(null);
    this.state.set({ token: null, rejected: false });
  }

  /** The server refused `token`: forget it, unless a different one was entered since. */
  reject(token: string): void {
    if (this.state().token !== token) return;
    writeToken(null);
    this.state.set({ token: null, rejected: true });
  }
}

/** Storage can be missing or throw (privacy modes, sandboxed frames); then nothing is remembered. */
function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

function readToken(): string | null {
  try {
    return storage()?.getItem(ADMIN_TOKEN_KEY) || null;
  } catch {
    return null;
  }
}

function writeToken(token: string | null): void {
  try {
    if (token === null) storage()?.removeItem(ADMIN_TOKEN_KEY);
    else storage()?.setItem(ADMIN_TOKEN_KEY, token);
  } catch {
    // not remembered; the in-memory token still works for this page
  }
}
