import { Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ClientEvent, MessageSendAck, characterCount } from '@moodlobby/shared';
import { filter } from 'rxjs';
import { newClientMessageId } from './client-message-id';
import { Clock, secondsLeft } from './clock';
import { MessagesStore } from './messages.store';
import { NoticesStore } from './notices.store';
import { SessionStore } from './session.store';
import { SocketService } from './socket.service';
import { injectTimers } from './timers';

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

interface OutboxState {
  /** In the order typed; sent one at a time, first to last. */
  entries: OutboxEntry[];
  /** The text in the message input: kept here so a refused message can be put back. */
  draft: string;
  /** The send attempt whose ack is awaited; null when nothing is in flight. */
  inFlight: number | null;
  /** Nothing is sent before this time (epoch ms): a retry delay or the server's rate limit. */
  pausedUntil: number;
  /** The server refused a send for its rate limit until this time (epoch ms). */
  rateLimitedUntil: number;
}

const EMPTY: OutboxState = { entries: [], draft: '', inFlight: null, pausedUntil: 0, rateLimitedUntil: 0 };

export const ACK_TIMEOUT_MS = 10_000;
export const RETRY_DELAY_MS = 2_000;

/**
 * What the user typed, on its way to the server. Messages go out one at a time, in order, each
 * with a stable `clientMessageId`, so a resend after a reconnect is never stored twice (the
 * server is idempotent on that id). An entry leaves the outbox when the server acknowledges it
 * (the message joins the conversation) or refuses it (its text goes back into the input).
 */
@Injectable({ providedIn: 'root' })
export class OutboxStore {
  private readonly socket = inject(SocketService);
  private readonly session = inject(SessionStore);
  private readonly messages = inject(MessagesStore);
  private readonly notices = inject(NoticesStore);
  private readonly clock = inject(Clock);

  // state
  private readonly state = signal<OutboxState>(EMPTY);

  // selectors
  readonly entries = computed(() => this.state().entries);
  readonly draft = computed(() => this.state().draft);
  /** Entries not yet seen in the conversation (shown as "sending…"). */
  readonly pending = computed(() => {
    const delivered = new Set(
      this.messages
        .messages()
        .map((m) => m.clientMessageId)
        .filter(Boolean),
    );
    return this.state().entries.filter((e) => !delivered.has(e.clientMessageId));
  });
  /** Whole seconds until the server takes messages again (its rate limit); 0 when it does. */
  readonly waitSeconds = computed(() => secondsLeft(this.state().rateLimitedUntil, this.clock.now()));

  private attemptSeq = 0;
  /** Bumped on sign-out: answers to sends from before it are ignored. */
  private epoch = 0;
  private readonly timers = injectTimers();

  constructor() {
    // reducers
    this.socket.status$
      .pipe(
        filter((c) => c !== 'connected'),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.onConnectionLost());
    this.session.started$.pipe(takeUntilDestroyed()).subscribe(() => this.flush());
    // Signed out: what was typed goes with the user (nothing of it is sent as the next one).
    this.session.ended$.pipe(takeUntilDestroyed()).subscribe(() => {
      this.timers.clearAll();
      this.epoch++;
      this.state.set(EMPTY);
    });
  }

  // actions

  setDraft(text: string): void {
    this.patch({ draft: text });
  }

  /**
   * Queues a message and sends it as soon as the session is live. Returns false (and keeps the
   * draft) when the text is empty or too long, or while the server is rate limiting this user.
   */
  send(rawText: string): boolean {
    return this.sendAll([rawText]);
  }

  /**
   * Queues several messages, in order (a long text split up), or none of them: false (and the
   * draft kept) when any is empty or too long, or while the server is rate limiting this user.
   */
  sendAll(rawTexts: readonly string[]): boolean {
    const texts = rawTexts.map((t) => t.trim());
    const max = this.session.messageMaxLength();
    if (texts.length === 0 || texts.some((t) => characterCount(t) === 0 || characterCount(t) > max)) return false;
    const waitMs = this.state().rateLimitedUntil - Date.now();
    if (this.session.live() && waitMs > 0) {
      this.notices.rateLimited(waitMs);
      return false;
    }
    const queuedAt = new Date().toISOString();
    const entries = texts.map<OutboxEntry>((text) => ({
      clientMessageId: newClientMessageId(),
      text,
      queuedAt,
      status: 'queued',
      attempts: 0,
      restoreOnRefusal: this.session.live(),
    }));
    this.state.update((s) => ({ ...s, entries: [...s.entries, ...entries], draft: '' }));
    this.flush();
    return true;
  }

  // reducers

  /** Whatever was in flight gets no ack now: it goes back to the queue, to be resent as is. */
  private onConnectionLost(): void {
    this.state.update((s) => ({
      ...s,
      inFlight: null,
      entries: s.entries.map((e) => (e.status === 'sending' ? { ...e, status: 'queued' as const } : e)),
    }));
  }

  /** Sends the first queued entry, if the session is live and nothing else is in flight. */
  private flush(): void {
    const { entries, inFlight, pausedUntil } = this.state();
    if (!this.session.live() || inFlight !== null || Date.now() < pausedUntil) return;
    const entry = entries.find((e) => e.status === 'queued');
    if (!entry) return;

    const attempt = ++this.attemptSeq;
    const epoch = this.epoch;
    this.patch({ inFlight: attempt });
    this.updateEntry(entry.clientMessageId, { status: 'sending', attempts: entry.attempts + 1 });
    this.socket
      .emitWithAck(
        ClientEvent.MessageSend,
        { text: entry.text, clientMessageId: entry.clientMessageId },
        ACK_TIMEOUT_MS,
      )
      .then(
        (ack) => epoch === this.epoch && this.onSendAck(attempt, entry.clientMessageId, ack),
        () => epoch === this.epoch && this.onSendLost(attempt, entry.clientMessageId),
      );
  }

  private onSendAck(attempt: number, clientMessageId: string, ack: MessageSendAck): void {
    if (ack.ok) {
      // A confirmation counts even if it comes late: the message is stored.
      this.messages.add([ack.message]);
      this.state.update((s) => ({
        ...s,
        entries: s.entries.filter((e) => e.clientMessageId !== clientMessageId),
        inFlight: s.inFlight === attempt ? null : s.inFlight,
      }));
      this.flush();
      return;
    }
    if (this.state().inFlight !== attempt) return;
    this.patch({ inFlight: null });
    const entry = this.state().entries.find((e) => e.clientMessageId === clientMessageId);
    if (!entry) return;

    switch (ack.error) {
      case 'rate_limited': {
        const retryAfterMs = ack.retryAfterMs ?? this.session.limits().rateLimit.windowMs;
        this.patch({ rateLimitedUntil: Date.now() + retryAfterMs });
        this.clock.runUntil(Date.now() + retryAfterMs);
        this.notices.rateLimited(retryAfterMs);
        if (entry.restoreOnRefusal) {
          // Back into the input, with whatever was typed after it, so the order is kept.
          const entries = this.state().entries;
          const later = entries.slice(entries.indexOf(entry) + 1).filter((e) => e.restoreOnRefusal);
          this.refuse([entry, ...later]);
        } else {
          this.updateEntry(clientMessageId, { status: 'queued' });
        }
        this.pauseSending(retryAfterMs);
        return;
      }
      case 'invalid_payload':
        this.notices.refused(ack.errors ?? []);
        this.refuse([entry]);
        this.flush();
        return;
      case 'session_required':
        this.updateEntry(clientMessageId, { status: 'queued' });
        this.session.restart();
        return;
      default:
        this.updateEntry(clientMessageId, { status: 'queued' });
        this.notices.show('send_failed', 'The server could not take your message just now; trying again…');
        this.pauseSending(RETRY_DELAY_MS);
    }
  }

  /** No ack (timeout, disconnect): keep the entry and try again with the same id. */
  private onSendLost(attempt: number, clientMessageId: string): void {
    if (this.state().inFlight !== attempt) return;
    this.patch({ inFlight: null });
    this.updateEntry(clientMessageId, { status: 'queued' });
    this.pauseSending(RETRY_DELAY_MS);
  }

  /** Drops refused entries and puts their text back into the input, ahead of any new draft. */
  private refuse(entries: readonly OutboxEntry[]): void {
    const ids = new Set(entries.map((e) => e.clientMessageId));
    const text = entries.map((e) => e.text).join('\n');
    this.state.update((s) => ({
      ...s,
      entries: s.entries.filter((e) => !ids.has(e.clientMessageId)),
      draft: s.draft.trim() ? `${text}\n${s.draft}` : text,
    }));
  }

  private pauseSending(ms: number): void {
    this.patch({ pausedUntil: Date.now() + ms });
    this.timers.later(ms, () => this.flush());
  }

  private updateEntry(clientMessageId: string, changes: Partial<OutboxEntry>): void {
    this.state.update((s) => ({
      ...s,
      entries: s.entries.map((e) => (e.clientMessageId === clientMessageId ? { ...e, ...changes } : e)),
    }));
  }


  private patch(changes: Partial<OutboxState>): void {
    this.state.update((s) => ({ ...s, ...changes }));
  }
}
