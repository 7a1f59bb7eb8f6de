import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { Daily, Summary, UsersPage, UsersQuery } from './admin.models';

/** The admin HTTP API. The bearer token is added by `adminAuthInterceptor`. */
@Injectable()
export class AdminApiService {
  private readonly http = inject(HttpClient);

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
