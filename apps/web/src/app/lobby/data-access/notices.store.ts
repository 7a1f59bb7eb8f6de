import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ClientEvent, ServerEvent } from '@moodlobby/shared';
import { filter } from 'rxjs';
import { refusedText } from './reasons';
import { SessionStore } from './session.store';
import { SocketService } from './socket.service';

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

interface NoticesState {
  /** Oldest first; at most one per kind. */
  notices: Notice[];
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

  // state
  private readonly state = signal<NoticesState>({ notices: [] });

  // selectors
  readonly notices = computed(() => this.state().notices);

  private noticeSeq = 0;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor() {
    // reducers
    this.socket
      .on(ServerEvent.ShuttingDown)
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.show('shutdown', 'Server restarting, reconnecting…'));
    this.socket
      .on(ServerEvent.RateLimited)
      .pipe(takeUntilDestroyed())
      .subscribe(({ retryAfterMs }) => this.rateLimited(retryAfterMs));
    // A refused session:start is the join form's business, not a banner's.
    this.socket
      .on(ServerEvent.InvalidPayload)
      .pipe(
        filter((e) => e.event !== ClientEvent.SessionStart),
        takeUntilDestroyed(),
      )
      .subscribe(({ errors }) => this.refused(errors));
    inject(SessionStore)
      .started$.pipe(takeUntilDestroyed())
      .subscribe(() => this.clear(['shutdown', 'session_required']));
    inject(DestroyRef).onDestroy(() => this.timers.forEach((t) => clearTimeout(t)));
  }

  // actions

  /** Shows a notice, replacing any other of the same kind. */
  show(kind: NoticeKind, text: string, dismissAfterMs = INFO_NOTICE_MS): void {
    const notice: Notice = { id: ++this.noticeSeq, kind, text };
    this.state.update((s) => ({ notices: [...s.notices.filter((n) => n.kind !== kind), notice] }));
    if (kind !== 'shutdown') this.later(dismissAfterMs, () => this.dismiss(notice.id));
  }

  /** The server's rate limit: when the user may send again. */
  rateLimited(retryAfterMs: number): void {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    this.show('rate_limited', `Slow down — you can send again in ${seconds} s`, retryAfterMs);
  }

  /** A message the server refused, with its reasons in plain words. */
  refused(errors: readonly string[]): void {
    this.show('invalid_payload', refusedText(errors));
  }

  dismiss(id: number): void {
    this.state.update((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  }

  private clear(kinds: readonly NoticeKind[]): void {
    this.state.update((s) => ({ notices: s.notices.filter((n) => !kinds.includes(n.kind)) }));
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }
}
