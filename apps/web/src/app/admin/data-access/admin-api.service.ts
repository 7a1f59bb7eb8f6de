import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ADMIN_SESSION_PATH } from './admin-auth.interceptor';
import type { Daily, Summary, UsersPage, UsersQuery } from './admin.models';

/** The admin HTTP API, signed in by the session cookie that `signIn` obtains. */
@Injectable()
export class AdminApiService {
  private readonly http = inject(HttpClient);

  /** Exchanges the admin token for the browser-session cookie: 204, or 401 for a wrong token. */
  signIn(token: string): Observable<void> {
    return this.http.post<void>(ADMIN_SESSION_PATH, { token });
  }

  /** 204 while this browser is signed in, 401 otherwise. */
  session(): Observable<void> {
    return this.http.get<void>(ADMIN_SESSION_PATH);
  }

  signOut(): Observable<void> {
    return this.http.delete<void>(ADMIN_SESSION_PATH);
  }

  summary(asOf: string): Observable<Summary> {
    return this.http.get<Summary>('/admin/metrics/summary', { params: { asOf } });
  }

  daily(from: string, to: string): Observable<Daily> {
    return this.http.get<Daily>('/admin/metrics/daily', { params: { from, to } });
  }

  users(query: UsersQuery): Observable<UsersPage> {
    let params = new HttpParams().set('limit', query.limit).set('offset', query.offset).set('sort', query.sort);
    if (query.variant) params = params.set('variant', query.variant);
    return this.http.get<UsersPage>('/admin/users', { params });
  }
}
