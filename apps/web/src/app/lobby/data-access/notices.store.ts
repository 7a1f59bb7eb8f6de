import { Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ClientEvent, ServerEvent } from '@moodlobby/shared';
import { filter } from 'rxjs';
import { Clock, secondsLeft } from './clock';
import { refusedText } from './reasons';
import { SessionStore } from './session.store';
import { SocketService } from './socket.service';
import { injectTimers } from './timers';

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
  /**
   * For a countdown, whose text changes every second: what assistive technology reads, once
   * (the ticking text itself is not announced).
   */
  announce?: string;
}

interface StoredNotice extends Omit<Notice, 'announce'> {
  /** A countdown to this time (epoch ms): `{s}` in the text is the whole seconds left. */
  until: number | null;
}

interface NoticesState {
  /** Oldest first; at most one per kind. */
  notices: StoredNotice[];
}

const INFO_NOTICE_MS = 8_000;

/**
 * The banners over the lobby: refusals, rate limits, a restarting server. One per kind (a new
 * one replaces the old); each goes away by itself after a while, except the shutdown notice,
 * which stays until the session is back.
 */
@Injectable({ providedIn: 'root' })
export class NoticesStore {
  private readonly socket = inject(SocketService);
  private readonly clock = inject(Clock);

  // state
  private readonly state = signal<NoticesState>({ notices: [] });

  // selectors
  /** The notices as shown: a countdown's text says how many seconds are left now. */
  readonly notices = computed<Notice[]>(() =>
    this.state().notices.map(({ id, kind, text, until }) =>
      until === null
        ? { id, kind, text }
        : { id, kind, text: text.replace('{s}', String(Math.max(1, secondsLeft(until, this.clock.now())))), announce: text.replace('{s} s', 'a few seconds') },
    ),
  );

  private noticeSeq = 0;
  private readonly timers = injectTimers();

  constructor() {
    // reducers
    this.socket
      .on(ServerEvent.ShuttingDown)
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.show('shutdown', 'Server restarting, reconnecting…'));
    // Refusals of a message; a refused join or rename is its form's business, not a banner's.
    this.socket
      .on(ServerEvent.RateLimited)
      .pipe(
        filter((e) => e.event === ClientEvent.MessageSend),
        takeUntilDestroyed(),
      )
      .subscribe(({ retryAfterMs }) => this.rateLimited(retryAfterMs));
    this.socket
      .on(ServerEvent.InvalidPayload)
      .pipe(
        filter((e) => e.event === ClientEvent.MessageSend),
        takeUntilDestroyed(),
      )
      .subscribe(({ errors }) => this.refused(errors));
    const session = inject(SessionStore);
    session.started$.pipe(takeUntilDestroyed()).subscribe(() => this.clear(['shutdown', 'session_required']));
    session.ended$.pipe(takeUntilDestroyed()).subscribe(() => this.state.set({ notices: [] }));
  }

  // actions

  /** Shows a notice, replacing any other of the same kind. */
  show(kind: NoticeKind, text: string, dismissAfterMs = INFO_NOTICE_MS): void {
    this.add({ id: ++this.noticeSeq, kind, text, until: null }, dismissAfterMs);
  }

  /** The server's rate limit: counts down to when the user may send again, then goes away. */
  rateLimited(retryAfterMs: number): void {
    const until = Date.now() + retryAfterMs;
    this.clock.runUntil(until);
    this.add({ id: ++this.noticeSeq, kind: 'rate_limited', text: 'Slow down — you can send again in {s} s', until }, retryAfterMs);
  }

  /** A message the server refused, with its reasons in plain words. */
  refused(errors: readonly string[]): void {
    this.show('invalid_payload', refusedText(errors));
  }

  dismiss(id: number): void {
    this.state.update((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  }

  private add(notice: StoredNotice, dismissAfterMs: number): void {
    this.state.update((s) => ({ notices: [...s.notices.filter((n) => n.kind !== notice.kind), notice] }));
    if (notice.kind !== 'shutdown') this.timers.later(dismissAfterMs, () => this.dismiss(notice.id));
  }

  private clear(kinds: readonly NoticeKind[]): void {
    this.state.update((s) => ({ notices: s.notices.filter((n) => !kinds.includes(n.kind)) }));
  }

}
