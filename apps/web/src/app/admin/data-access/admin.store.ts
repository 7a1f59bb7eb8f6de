import { HttpErrorResponse, HttpStatusCode } from '@angular/common/http';
import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import type { Variant } from '@moodlobby/shared';
import { Observable, Subscription } from 'rxjs';
import { addDays, isCalendarDay, utcToday } from '../util/dates';
import { describeError } from '../util/http-error';
import { AdminApiService } from './admin-api.service';
import { AdminSessionStore } from './admin-session.store';
import {
  DAILY_WINDOW_DAYS,
  DEFAULT_USER_SORT,
  DEFAULT_USERS_LIMIT,
  type Daily,
  type Summary,
  type UserSortField,
  type UsersPage,
  type UsersQuery,
} from './admin.models';

/** One independently loaded part of the page. */
export interface Section<T> {
  data: T | null;
  loading: boolean;
  error: string | null;
}

interface AdminState {
  /** The readout's UTC day (YYYY-MM-DD); the daily charts end on it. */
  asOf: string;
  summary: Section<Summary>;
  daily: Section<Daily>;
  users: Section<UsersPage>;
  usersQuery: UsersQuery;
  /** A sign-in request is on its way. */
  signingIn: boolean;
}

type SectionKey = 'summary' | 'daily' | 'users';
type RequestKey = SectionKey | 'session';
type SectionData = { summary: Summary; daily: Daily; users: UsersPage };

/** Dates and counts read best newest / largest first; names A→Z. */
const DESCENDING_FIRST: Record<UserSortField, boolean> = {
  firstSeenAt: true,
  lastSeenAt: true,
  messageCount: true,
  nickname: false,
};

/**
 * The admin dashboard's state: the as-of day, the readout, the daily series and a page of users,
 * each section with its own loading flag and error. Provided by `AdminComponent`; whether the
 * browser is signed in lives in `AdminSessionStore` (the interceptor ends it on a 401).
 */
@Injectable()
export class AdminStore {
  private readonly api = inject(AdminApiService);
  private readonly session = inject(AdminSessionStore);
  private readonly running: Partial<Record<RequestKey, Subscription>> = {};

  // state
  private readonly state = signal<AdminState>(initialState());

  // selectors
  readonly sessionStatus = this.session.status;
  readonly signedIn = this.session.signedIn;
  readonly tokenRejected = this.session.rejected;
  readonly sessionExpired = this.session.expired;
  readonly signingIn = computed(() => this.state().signingIn);
  readonly asOf = computed(() => this.state().asOf);
  readonly summary = computed(() => this.state().summary.data);
  readonly summaryLoading = computed(() => this.state().summary.loading);
  readonly summaryError = computed(() => this.state().summary.error);
  readonly daily = computed(() => this.state().daily.data);
  readonly dailyLoading = computed(() => this.state().daily.loading);
  readonly dailyError = computed(() => this.state().daily.error);
  readonly users = computed(() => this.state().users.data);
  readonly usersLoading = computed(() => this.state().users.loading);
  readonly usersError = computed(() => this.state().users.error);
  readonly usersQuery = computed(() => this.state().usersQuery);
  readonly canPrevUsers = computed(() => this.state().usersQuery.offset > 0);
  readonly canNextUsers = computed(() => {
    const { usersQuery, users } = this.state();
    return users.data !== null && usersQuery.offset + usersQuery.limit < users.data.total;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.cancelAll());
    // Signed in from another tab (or before a reload) in this browser session?
    this.running.session = this.api.session().subscribe({
      next: () => {
        this.session.signedInNow();
        this.refresh();
      },
      error: () => this.session.signedOut(),
    });
  }

  // actions

  signIn(token: string): void {
    const trimmed = token.trim();
    if (!trimmed) return;
    this.running.session?.unsubscribe();
    this.state.update((s) => ({ ...s, signingIn: true }));
    this.running.session = this.api.signIn(trimmed).subscribe({
      next: () => {
        this.state.update((s) => ({ ...s, signingIn: false }));
        this.session.signedInNow();
        this.refresh();
      },
      error: (error: unknown) => {
        this.state.update((s) => ({ ...s, signingIn: false }));
        if (error instanceof HttpErrorResponse && error.status === HttpStatusCode.Unauthorized) this.session.refused();
        else this.patchSection('summary', { error: describeError(error) });
      },
    });
  }

  signOut(): void {
    this.api.signOut().subscribe({ error: () => undefined });
    this.session.signedOut();
    this.reset();
  }

  /** Loads the readout and the daily series for another day; ignores anything not a calendar day. */
  setAsOf(day: string): void {
    if (!isCalendarDay(day) || day === this.state().asOf) return;
    this.state.update((s) => ({ ...s, asOf: day }));
    if (!this.signedIn()) return;
    this.loadSummary();
    this.loadDaily();
  }

  refresh(): void {
    if (!this.signedIn()) return;
    this.loadSummary();
    this.loadDaily();
    this.loadUsers();
  }

  /** Filters users by arm (null: both); back to the first page. */
  setVariant(variant: Variant | null): void {
    this.queryUsers({ variant, offset: 0 });
  }

  /** Sorts users by a field; the same field again flips the direction. Back to the first page. */
  sortUsersBy(field: UserSortField): void {
    const current = this.state().usersQuery.sort;
    const descending = current === field ? true : current === `-${field}` ? false : DESCENDING_FIRST[field];
    this.queryUsers({ sort: descending ? `-${field}` : field, offset: 0 });
  }

  nextUsersPage(): void {
    if (!this.canNextUsers()) return;
    const { offset, limit } = this.state().usersQuery;
    this.queryUsers({ offset: offset + limit });
  }

  prevUsersPage(): void {
    const { offset, limit } = this.state().usersQuery;
    if (offset === 0) return;
    this.queryUsers({ offset: Math.max(0, offset - limit) });
  }

  // loaders

  private loadSummary(): void {
    this.load('summary', this.api.summary(this.state().asOf));
  }

  private loadDaily(): void {
    const to = this.state().asOf;
    this.load('daily', this.api.daily(addDays(to, -(DAILY_WINDOW_DAYS - 1)), to));
  }

  private loadUsers(): void {
    this.load('users', this.api.users(this.state().usersQuery));
  }

  private queryUsers(patch: Partial<UsersQuery>): void {
    this.state.update((s) => ({ ...s, usersQuery: { ...s.usersQuery, ...patch } }));
    if (this.signedIn()) this.loadUsers();
  }

  /** Runs one section's request; a newer request for the same section cancels the older one. */
  private load<K extends SectionKey>(key: K, source: Observable<SectionData[K]>): void {
    this.running[key]?.unsubscribe();
    this.patchSection(key, { loading: true, error: null });
    this.running[key] = source.subscribe({
      next: (data) => this.patchSection(key, { data, loading: false, error: null } as Partial<Section<SectionData[K]>>),
      error: (error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === HttpStatusCode.Unauthorized) {
          // The interceptor has ended the session; the page goes back to the sign-in form.
          this.reset();
          return;
        }
        this.patchSection(key, { data: null, loading: false, error: describeError(error) });
      },
    });
  }

  private patchSection<K extends SectionKey>(key: K, patch: Partial<Section<SectionData[K]>>): void {
    this.state.update((s) => ({ ...s, [key]: { ...s[key], ...patch } }));
  }

  private cancelAll(): void {
    for (const key of Object.keys(this.running) as RequestKey[]) {
      this.running[key]?.unsubscribe();
      delete this.running[key];
    }
  }

  /** Forgets all data (sign out, refused token); keeps the chosen day and user filters. */
  private reset(): void {
    this.cancelAll();
    this.state.update((s) => ({ ...s, summary: emptySection(), daily: emptySection(), users: emptySection() }));
  }
}

function emptySection<T>(): Section<T> {
  return { data: null, loading: false, error: null };
}

function initialState(): AdminState {
  return {
    asOf: utcToday(),
    summary: emptySection(),
    daily: emptySection(),
    users: emptySection(),
    usersQuery: { limit: DEFAULT_USERS_LIMIT, offset: 0, variant: null, sort: DEFAULT_USER_SORT },
    signingIn: false,
  };
}
