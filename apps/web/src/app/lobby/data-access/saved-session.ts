/** localStorage keys: a reload (or a second tab) re-joins as the same user with the same nickname. */
export const TOKEN_KEY = 'moodlobby.token';
export const NICKNAME_KEY = 'moodlobby.nickname';

export interface SavedSession {
  token: string | null;
  nickname: string | null;
}

/** Storage can be missing or throw (privacy modes, sandboxed frames); then nothing is remembered. */
function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function loadSavedSession(): SavedSession {
  try {
    const s = storage();
    return { token: s?.getItem(TOKEN_KEY) || null, nickname: s?.getItem(NICKNAME_KEY) || null };
  } catch {
    return { token: null, nickname: null };
  }
}

export function saveSession(token: string, nickname: string): void {
  try {
    storage()?.setItem(TOKEN_KEY, token);
    storage()?.setItem(NICKNAME_KEY, nickname);
  } catch {
    // Quota or privacy mode: the session still works, it just is not remembered.
  }
}

/** Forgets the nickname (it was refused) but keeps the token, so the user id stays the same. */
export function forgetNickname(): void {
  try {
    storage()?.removeItem(NICKNAME_KEY);
  } catch {
    // see saveSession
  }
}

/** Forgets a token the server could not even read (malformed); the next join gets a new one. */
export function forgetToken(): void {
  try {
    storage()?.removeItem(TOKEN_KEY);
  } catch {
    // see saveSession
  }
}

/** Signing out: this browser forgets who the user was (the next join is a new user). */
export function forgetSession(): void {
  forgetToken();
  forgetNickname();
}

/** The nickname changed (a rename): remembered for the next visit. */
export function saveNickname(nickname: string): void {
  try {
    storage()?.setItem(NICKNAME_KEY, nickname);
  } catch {
    // see saveSession
  }
}
