import { DOCUMENT, DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  ClientEvent,
  DEFAULT_MAX_MESSAGE_LENGTH,
  DEFAULT_RATE_LIMIT_MAX,
  DEFAULT_RATE_LIMIT_WINDOW_MS,
  DEFAULT_VN_BACKGROUND_DEBOUNCE_MS,
  InvalidPayloadError,
  PresenceUser,
  ServerEvent,
  SessionAckPayload,
  SessionLimits,
  SessionUser,
  UiSettings,
} from '@moodlobby/shared';
import { Subject, filter } from 'rxjs';
import { nicknameErrors } from './nickname';
import { sentence } from './reasons';
import {
  TOKEN_KEY,
  forgetNickname,
  forgetSession,
  forgetToken,
  loadSavedSession,
  saveNickname,
  saveSession,
} from './saved-session';
import { ConnectionStatus, SocketService } from './socket.service';

interface SessionState {
  connection: ConnectionStatus;
  /** The session is acknowledged on the current connection, so messages may go out. */
  live: boolean;
  /** A `session:start` is out (or waits for a connection) and has no answer yet. */
  joining: boolean;
  /** The nickname to (re)join with; null until the user picks one. */
  nickname: string | null;
  token: string | null;
  user: SessionUser | null;
  limits: SessionLimits;
  /** Client settings the server configures (`session:ack.ui`). */
  ui: UiSettings;
  joinErrors: string[];
  /** A `session:rename` is out and has no answer yet. */
  renaming: boolean;
  renameErrors: string[];
}

/** How long a rename may wait for its answer. */
export const RENAME_ACK_TIMEOUT_MS = 10_000;

const DEFAULT_LIMITS: SessionLimits = {
  messageMaxLength: DEFAULT_MAX_MESSAGE_LENGTH,
  rateLimit: { max: DEFAULT_RATE_LIMIT_MAX, windowMs: DEFAULT_RATE_LIMIT_WINDOW_MS },
};

const DEFAULT_UI: UiSettings = { vnBackgroundDebounceMs: DEFAULT_VN_BACKGROUND_DEBOUNCE_MS };

/**
 * The lobby session: the connection, who the user is, and the server's limits for them.
 *
 * Socket events are reduced into one private signal; components read the computed selectors.
 * The other lobby stores (messages, outbox, presence, notices) follow `started$`, which emits
 * each acknowledged start once this store has taken it in. Nothing connects until `open()`.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly socket = inject(SocketService);

  // state
  private readonly state = signal<SessionState>(initialState());
  private readonly started = new Subject<SessionAckPayload>();
  private readonly ended = new Subject<void>();

  // selectors
  readonly connection = computed(() => this.state().connection);
  readonly live = computed(() => this.state().live);
  readonly joining = computed(() => this.state().joining);
  readonly nickname = computed(() => this.state().nickname);
  readonly user = computed(() => this.state().user);
  readonly variant = computed(() => this.state().user?.variant ?? null);
  readonly limits = computed(() => this.state().limits);
  readonly messageMaxLength = computed(() => this.state().limits.messageMaxLength);
  readonly vnBackgroundDebounceMs = computed(() => this.state().ui.vnBackgroundDebounceMs);
  readonly joinErrors = computed(() => this.state().joinErrors);
  readonly renaming = computed(() => this.state().renaming);
  readonly renameErrors = computed(() => this.state().renameErrors);

  /** Each acknowledged `session:start` (a join, or a re-join after a reconnect). */
  readonly started$ = this.started.asObservable();
  /** The user signed out (here or in another tab of this browser): forget the lobby. */
  readonly ended$ = this.ended.asObservable();

  constructor() {
    // reducers: every source is a socket stream
    this.socket.status$.pipe(takeUntilDestroyed()).subscribe((c) => this.onConnection(c));
    this.socket.on(ServerEvent.SessionAck).pipe(takeUntilDestroyed()).subscribe((a) => this.onSessionAck(a));
    this.socket
      .on(ServerEvent.InvalidPayload)
      .pipe(
        filter((e) => e.event === ClientEvent.SessionStart),
        takeUntilDestroyed(),
      )
      .subscribe((e) => this.onStartRefused(e));
    this.socket
      .on(ServerEvent.SessionRequired)
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.restart());
    this.socket
      .on(ServerEvent.PresenceUpdate)
      .pipe(takeUntilDestroyed())
      .subscribe(({ users }) => this.onPresence(users));
    this.followOtherTabs();
  }

  // actions

  /** Opens the connection (idempotent); a saved session re-joins as soon as it is up. */
  open(): void {
    this.socket.connect();
  }

  /** Joins (or re-joins under a new nickname). Invalid nicknames never reach the server. */
  join(rawNickname: string): void {
    const errors = nicknameErrors(rawNickname);
    if (errors.length > 0) {
      this.patch({ joinErrors: errors });
      return;
    }
    this.patch({ nickname: rawNickname.trim(), joining: true, joinErrors: [] });
    this.startSession();
  }

  /**
   * Changes the nickname (`session:rename`). Resolves true once the server took it; false with
   * `renameErrors` set (an invalid nickname never reaches the server).
   */
  async rename(rawNickname: string): Promise<boolean> {
    const errors = nicknameErrors(rawNickname);
    if (errors.length > 0) {
      this.patch({ renameErrors: errors });
      return false;
    }
    const nickname = rawNickname.trim();
    if (nickname === this.state().user?.nickname) {
      this.patch({ renameErrors: [] });
      return true;
    }
    if (!this.state().live) {
      this.patch({ renameErrors: ['You are offline: try again once you are connected.'] });
      return false;
    }
    this.patch({ renaming: true, renameErrors: [] });
    try {
      const ack = await this.socket.emitWithAck(ClientEvent.SessionRename, { nickname }, RENAME_ACK_TIMEOUT_MS);
      if (ack.ok) {
        saveNickname(ack.user.nickname);
        this.patch({ renaming: false, user: ack.user, nickname: ack.user.nickname });
        return true;
      }
      this.patch({ renaming: false, renameErrors: renameRefusal(ack.error, ack.errors, ack.retryAfterMs) });
      if (ack.error === 'session_required') this.restart();
    } catch {
      this.patch({ renaming: false, renameErrors: ['The server did not answer: try again.'] });
    }
    return false;
  }

  /**
   * Signs out: this browser forgets the user (token and nickname), the lobby is cleared, and the
   * connection starts over without a session (the server sees the old socket leave). Joining
   * again makes a new user.
   */
  signOut(): void {
    forgetSession();
    this.endLocally();
    this.socket.reopen();
  }

  /** The server lost our session on this socket (error event and ack both say so): start it once. */
  restart(): void {
    const { live, joining } = this.state();
    if (!live && joining) return;
    this.patch({ live: false });
    this.startSession();
  }

  // reducers

  private onConnection(connection: ConnectionStatus): void {
    if (connection === 'connected') {
      this.patch({ connection });
      this.startSession();
      return;
    }
    this.patch({ connection, live: false });
  }

  private onSessionAck(ack: SessionAckPayload): void {
    saveSession(ack.token, ack.user.nickname);
    this.state.update((s) => ({
      ...s,
      live: true,
      joining: false,
      joinErrors: [],
      nickname: ack.user.nickname,
      token: ack.token,
      user: ack.user,
      limits: ack.limits ?? s.limits,
      ui: uiSettings(ack.ui, s.ui),
    }));
    this.started.next(ack);
  }

  private onStartRefused({ errors }: InvalidPayloadError): void {
    if (this.state().token && errors.some((e) => /token/i.test(e))) {
      // A stored token the server cannot read: drop it and join again as a new user.
      forgetToken();
      this.patch({ token: null });
      this.startSession();
      return;
    }
    // The nickname was refused: back to the form with the server's reasons.
    forgetNickname();
    this.patch({
      joining: false,
      live: false,
      nickname: null,
      user: null,
      joinErrors: errors.length > 0 ? errors.map(sentence) : ['That nickname was not accepted.'],
    });
  }

  /** Another tab of this user renamed them: take the name they now go by. */
  private onPresence(users: readonly PresenceUser[]): void {
    const { user, token } = this.state();
    const me = user && users.find((u) => u.id === user.id);
    if (!me || me.nickname === user.nickname) return;
    if (token) saveSession(token, me.nickname);
    this.patch({ user: { ...user, nickname: me.nickname }, nickname: me.nickname });
  }

  /** Signing out in one tab signs out every tab of this browser (they share the stored token). */
  private followOtherTabs(): void {
    const window = inject(DOCUMENT).defaultView;
    const onStorage = (event: StorageEvent) => {
      if (event.key !== TOKEN_KEY || event.newValue !== null || !this.state().token) return;
      this.endLocally();
      this.socket.reopen();
    };
    window?.addEventListener('storage', onStorage);
    inject(DestroyRef).onDestroy(() => window?.removeEventListener('storage', onStorage));
  }

  private endLocally(): void {
    this.state.update((s) => ({
      ...initialState(),
      connection: s.connection,
      limits: s.limits,
      ui: s.ui,
      joining: false,
      nickname: null,
      token: null,
    }));
    this.ended.next();
  }

  private startSession(): void {
    const { nickname, token, connection } = this.state();
    if (!nickname || connection !== 'connected') return;
    this.patch({ joining: true });
    this.socket.emit(ClientEvent.SessionStart, token ? { nickname, token } : { nickname });
  }

  private patch(changes: Partial<SessionState>): void {
    this.state.update((s) => ({ ...s, ...changes }));
  }
}

function initialState(): SessionState {
  const saved = loadSavedSession();
  return {
    connection: 'connecting',
    live: false,
    joining: saved.nickname !== null,
    nickname: saved.nickname,
    token: saved.token,
    user: null,
    limits: DEFAULT_LIMITS,
    ui: DEFAULT_UI,
    joinErrors: [],
    renaming: false,
    renameErrors: [],
  };
}

/** Why a rename was refused, in plain words. */
function renameRefusal(error: string, errors: readonly string[] = [], retryAfterMs?: number): string[] {
  switch (error) {
    case 'invalid_payload':
      return errors.length > 0 ? errors.map(sentence) : ['That nickname was not accepted.'];
    case 'rate_limited':
      return [`You changed your name a moment ago: try again in ${Math.max(1, Math.ceil((retryAfterMs ?? 0) / 1000))} s.`];
    case 'session_required':
      return ['You were reconnecting: try again in a moment.'];
    default:
      return ['The server could not change your name just now: try again.'];
  }
}

/** The ack's UI settings, each kept only when usable (an older server may send none). */
function uiSettings(incoming: Partial<UiSettings> | undefined, current: UiSettings): UiSettings {
  const debounce = incoming?.vnBackgroundDebounceMs;
  return {
    vnBackgroundDebounceMs:
      typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0 ? debounce : current.vnBackgroundDebounceMs,
  };
}
