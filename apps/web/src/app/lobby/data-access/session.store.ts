import { Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  ClientEvent,
  DEFAULT_MAX_MESSAGE_LENGTH,
  DEFAULT_RATE_LIMIT_MAX,
  DEFAULT_RATE_LIMIT_WINDOW_MS,
  DEFAULT_VN_BACKGROUND_DEBOUNCE_MS,
  InvalidPayloadError,
  ServerEvent,
  SessionAckPayload,
  SessionLimits,
  SessionUser,
  UiSettings,
} from '@moodlobby/shared';
import { Subject, filter } from 'rxjs';
import { nicknameErrors } from './nickname';
import { sentence } from './reasons';
import { forgetNickname, forgetToken, loadSavedSession, saveSession } from './saved-session';
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
}

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

  /** Each acknowledged `session:start` (a join, or a re-join after a reconnect). */
  readonly started$ = this.started.asObservable();

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
  };
}

/** The ack's UI settings, each kept only when usable (an older server may send none). */
function uiSettings(incoming: Partial<UiSettings> | undefined, current: UiSettings): UiSettings {
  const debounce = incoming?.vnBackgroundDebounceMs;
  return {
    vnBackgroundDebounceMs:
      typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0 ? debounce : current.vnBackgroundDebounceMs,
  };
}
