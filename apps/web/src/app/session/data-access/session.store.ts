import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  characterCount,
  ClientEvent,
  DEFAULT_MAX_MESSAGE_LENGTH,
  DEFAULT_RATE_LIMIT_MAX,
  DEFAULT_RATE_LIMIT_WINDOW_MS,
  DEFAULT_VN_BACKGROUND_DEBOUNCE_MS,
  InvalidPayloadError,
  Message,
  MessageSendAck,
  MoodUpdatedPayload,
  PresenceUser,
  RateLimitedError,
  ServerEvent,
  SessionAckPayload,
  SessionLimits,
  SessionRequiredError,
  SessionUser,
  UiSettings,
} from '@moodlobby/shared';
import { newClientMessageId } from './client-message-id';
import { applyMoodUpdate, mergeMessages } from './messages';
import { nicknameErrors } from './nickname';
import { forgetNickname, forgetToken, loadSavedSession, saveSession } from './saved-session';
import { ConnectionStatus, SocketService } from './socket.service';

/** A message typed but not yet acknowledged by the server. */
export interface OutboxEntry {
  clientMessageId: string;
  text: string;
  /** When it was typed (local clock). */
  queuedAt: string;
  status: 'queued' | 'sending';
  attempts: number;
  /** Typed while the session was live: a refusal puts the text back into the input. */
  restoreOnRefusal: boolean;
}

export type NoticeKind =
  | 'rate_limited'
  | 'invalid_payload'
  | 'session_required'
  | 'shutdown'
  | 'send_failed'
  | 'error';

export interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
}

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
  presence: PresenceUser[];
  /** Merged by id, oldest first, capped. */
  messages: Message[];
  outbox: OutboxEntry[];
  /** The text in the message input: kept here so a refused message can be put back. */
  draft: string;
  notices: Notice[];
  joinErrors: string[];
}

export const ACK_TIMEOUT_MS = 10_000;
export const RETRY_DELAY_MS = 2_000;
const INFO_NOTICE_MS = 8_000;

const DEFAULT_LIMITS: SessionLimits = {
  messageMaxLength: DEFAULT_MAX_MESSAGE_LENGTH,
  rateLimit: { max: DEFAULT_RATE_LIMIT_MAX, windowMs: DEFAULT_RATE_LIMIT_WINDOW_MS },
};

const DEFAULT_UI: UiSettings = { vnBackgroundDebounceMs: DEFAULT_VN_BACKGROUND_DEBOUNCE_MS };

/**
 * The lobby session: connection, identity, presence, messages and the outbox.
 *
 * Socket events are reduced into one private signal; components read the computed selectors and
 * call the few actions (`join`, `send`, `setDraft`, `dismissNotice`). Messages go out one at a
 * time, in order, each with a stable `clientMessageId`, so a resend after a reconnect is never
 * stored twice (the server is idempotent on that id).
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly socket = inject(SocketService);

  // state
  private readonly state = signal<SessionState>(initialState());

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
  readonly presence = computed(() => this.state().presence);
  readonly messages = computed(() => this.state().messages);
  readonly outbox = computed(() => this.state().outbox);
  /** Outbox entries not yet seen in the message list (shown as "sending…"). */
  readonly pendingMessages = computed(() => {
    const { outbox, messages } = this.state();
    const delivered = new Set(messages.map((m) => m.clientMessageId).filter(Boolean));
    return outbox.filter((e) => !delivered.has(e.clientMessageId));
  });
  readonly draft = computed(() => this.state().draft);
  readonly notices = computed(() => this.state().notices);
  readonly joinErrors = computed(() => this.state().joinErrors);

  private inFlight: number | null = null;
  private attemptSeq = 0;
  private pausedUntil = 0;
  private rateLimitedUntil = 0;
  private noticeSeq = 0;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor() {
    // reducers: every source is a socket stream
    this.socket.status$.pipe(takeUntilDestroyed()).subscribe((c) => this.onConnection(c));
    this.socket.on(ServerEvent.SessionAck).pipe(takeUntilDestroyed()).subscribe((a) => this.onSessionAck(a));
    this.socket.on(ServerEvent.MessageNew).pipe(takeUntilDestroyed()).subscribe((m) => this.onMessageNew(m));
    this.socket.on(ServerEvent.MoodUpdated).pipe(takeUntilDestroyed()).subscribe((u) => this.onMoodUpdated(u));
    this.socket
      .on(ServerEvent.PresenceUpdate)
      .pipe(takeUntilDestroyed())
      .subscribe(({ users }) => this.patch({ presence: users }));
    this.socket.on(ServerEvent.InvalidPayload).pipe(takeUntilDestroyed()).subscribe((e) => this.onInvalidPayload(e));
    this.socket.on(ServerEvent.RateLimited).pipe(takeUntilDestroyed()).subscribe((e) => this.onRateLimited(e));
    this.socket
      .on(ServerEvent.SessionRequired)
      .pipe(takeUntilDestroyed())
      .subscribe((e) => this.onSessionRequired(e));
    this.socket
      .on(ServerEvent.ShuttingDown)
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.notify('shutdown', 'Server restarting, reconnecting…'));

    inject(DestroyRef).onDestroy(() => this.timers.forEach((t) => clearTimeout(t)));
    this.socket.connect();
  }

  // actions

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

  setDraft(text: string): void {
    this.patch({ draft: text });
  }

  /**
   * Queues a message and sends it as soon as the session is live. Returns false (and keeps the
   * draft) when the text is empty or too long, or while the server is rate limiting this user.
   */
  send(rawText: string): boolean {
    const text = rawText.trim();
    const length = characterCount(text);
    if (length === 0 || length > this.messageMaxLength()) return false;
    const waitMs = this.rateLimitedUntil - Date.now();
    if (this.state().live && waitMs > 0) {
      this.notifyRateLimited(waitMs);
      return false;
    }
    const entry: OutboxEntry = {
      clientMessageId: newClientMessageId(),
      text,
      queuedAt: new Date().toISOString(),
      status: 'queued',
      attempts: 0,
      restoreOnRefusal: this.state().live,
    };
    this.state.update((s) => ({ ...s, outbox: [...s.outbox, entry], draft: '' }));
    this.flush();
    return true;
  }

  dismissNotice(id: number): void {
    this.state.update((s) => ({ ...s, notices: s.notices.filter((n) => n.id !== id) }));
  }

  // reducers

  private onConnection(connection: ConnectionStatus): void {
    if (connection === 'connected') {
      this.patch({ connection });
      this.startSession();
      return;
    }
    // Whatever was in flight gets no ack now: it goes back to the queue, to be resent as is.
    this.inFlight = null;
    this.state.update((s) => ({
      ...s,
      connection,
      live: false,
      outbox: s.outbox.map((e) => (e.status === 'sending' ? { ...e, status: 'queued' as const } : e)),
    }));
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
      presence: ack.presence,
      messages: mergeMessages(s.messages, ack.history),
      notices: s.notices.filter((n) => n.kind !== 'shutdown' && n.kind !== 'session_required'),
    }));
    this.flush();
  }

  private onMessageNew(message: Message): void {
    this.state.update((s) => ({ ...s, messages: mergeMessages(s.messages, [message]) }));
  }

  private onMoodUpdated(update: MoodUpdatedPayload): void {
    this.state.update((s) => ({ ...s, messages: applyMoodUpdate(s.messages, update) }));
  }

  private onInvalidPayload({ event, errors }: InvalidPayloadError): void {
    if (event === ClientEvent.SessionStart) {
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
      return;
    }
    this.notify('invalid_payload', refusedText(errors));
  }

  private onRateLimited({ retryAfterMs }: RateLimitedError): void {
    this.notifyRateLimited(retryAfterMs);
  }

  private onSessionRequired(_: SessionRequiredError): void {
    this.restartSession();
  }

  // sending

  private startSession(): void {
    const { nickname, token, connection } = this.state();
    if (!nickname || connection !== 'connected') return;
    this.patch({ joining: true });
    this.socket.emit(ClientEvent.SessionStart, token ? { nickname, token } : { nickname });
  }

  /** The server lost our session on this socket (error event and ack both say so): start it once. */
  private restartSession(): void {
    const { live, joining } = this.state();
    if (!live && joining) return;
    this.patch({ live: false });
    this.startSession();
  }

  /** Sends the first queued entry, if the session is live and nothing else is in flight. */
  private flush(): void {
    const { live, outbox } = this.state();
    if (!live || this.inFlight !== null || Date.now() < this.pausedUntil) return;
    const entry = outbox.find((e) => e.status === 'queued');
    if (!entry) return;

    const attempt = ++this.attemptSeq;
    this.inFlight = attempt;
    this.updateEntry(entry.clientMessageId, { status: 'sending', attempts: entry.attempts + 1 });
    this.socket
      .emitWithAck(
        ClientEvent.MessageSend,
        { text: entry.text, clientMessageId: entry.clientMessageId },
        ACK_TIMEOUT_MS,
      )
      .then(
        (ack) => this.onSendAck(attempt, entry.clientMessageId, ack),
        () => this.onSendLost(attempt, entry.clientMessageId),
      );
  }

  private onSendAck(attempt: number, clientMessageId: string, ack: MessageSendAck): void {
    if (ack.ok) {
      // A confirmation counts even if it comes late: the message is stored.
      this.state.update((s) => ({
        ...s,
        outbox: s.outbox.filter((e) => e.clientMessageId !== clientMessageId),
        messages: mergeMessages(s.messages, [ack.message]),
      }));
      if (this.inFlight === attempt) this.inFlight = null;
      this.flush();
      return;
    }
    if (this.inFlight !== attempt) return;
    this.inFlight = null;
    const entry = this.state().outbox.find((e) => e.clientMessageId === clientMessageId);
    if (!entry) return;

    switch (ack.error) {
      case 'rate_limited': {
        const retryAfterMs = ack.retryAfterMs ?? this.state().limits.rateLimit.windowMs;
        this.rateLimitedUntil = Date.now() + retryAfterMs;
        this.notifyRateLimited(retryAfterMs);
        if (entry.restoreOnRefusal) {
          // Back into the input, with whatever was typed after it, so the order is kept.
          const outbox = this.state().outbox;
          const later = outbox.slice(outbox.indexOf(entry) + 1).filter((e) => e.restoreOnRefusal);
          this.refuse([entry, ...later]);
        } else {
          this.updateEntry(clientMessageId, { status: 'queued' });
        }
        this.pauseSending(retryAfterMs);
        return;
      }
      case 'invalid_payload':
        this.notify('invalid_payload', refusedText(ack.errors ?? []));
        this.refuse([entry]);
        this.flush();
        return;
      case 'session_required':
        this.updateEntry(clientMessageId, { status: 'queued' });
        this.restartSession();
        return;
      default:
        this.updateEntry(clientMessageId, { status: 'queued' });
        this.notify('send_failed', 'The server could not take your message just now; trying again…');
        this.pauseSending(RETRY_DELAY_MS);
    }
  }

  /** No ack (timeout, disconnect): keep the entry and try again with the same id. */
  private onSendLost(attempt: number, clientMessageId: string): void {
    if (this.inFlight !== attempt) return;
    this.inFlight = null;
    this.updateEntry(clientMessageId, { status: 'queued' });
    this.pauseSending(RETRY_DELAY_MS);
  }

  /** Drops refused entries and puts their text back into the input, ahead of any new draft. */
  private refuse(entries: readonly OutboxEntry[]): void {
    const ids = new Set(entries.map((e) => e.clientMessageId));
    const text = entries.map((e) => e.text).join('\n');
    this.state.update((s) => ({
      ...s,
      outbox: s.outbox.filter((e) => !ids.has(e.clientMessageId)),
      draft: s.draft.trim() ? `${text}\n${s.draft}` : text,
    }));
  }

  private pauseSending(ms: number): void {
    this.pausedUntil = Date.now() + ms;
    this.later(ms, () => this.flush());
  }

  private updateEntry(clientMessageId: string, changes: Partial<OutboxEntry>): void {
    this.state.update((s) => ({
      ...s,
      outbox: s.outbox.map((e) => (e.clientMessageId === clientMessageId ? { ...e, ...changes } : e)),
    }));
  }

  // notices

  private notifyRateLimited(retryAfterMs: number): void {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    this.notify('rate_limited', `Slow down — you can send again in ${seconds} s`, retryAfterMs);
  }

  /** Shows a notice, replacing any other of the same kind. */
  private notify(kind: NoticeKind, text: string, dismissAfterMs = INFO_NOTICE_MS): void {
    const notice: Notice = { id: ++this.noticeSeq, kind, text };
    this.state.update((s) => ({ ...s, notices: [...s.notices.filter((n) => n.kind !== kind), notice] }));
    if (kind !== 'shutdown') this.later(dismissAfterMs, () => this.dismissNotice(notice.id));
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
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
    presence: [],
    messages: [],
    outbox: [],
    draft: '',
    notices: [],
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

/** "text must be shorter…" → "Text must be shorter…." */
function sentence(reason: string): string {
  const s = reason.trim();
  if (!s) return s;
  const capital = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function refusedText(errors: readonly string[]): string {
  const reasons = errors.map(sentence).filter(Boolean);
  return reasons.length > 0
    ? `Your message was not sent. ${reasons.join(' ')}`
    : 'Your message was not sent: the server could not read it.';
}
