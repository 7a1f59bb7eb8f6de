import { HttpErrorResponse, HttpInterceptorFn, HttpStatusCode } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { AdminTokenStore } from './admin-token.store';

/**
 * The admin API on this origin: `/admin/...`, or an absolute URL to it. The token never goes to
 * another origin.
 */
export function isAdminApiUrl(url: string): boolean {
  const origin = globalThis.location?.origin;
  const path = origin && url.startsWith(`${origin}/`) ? url.slice(origin.length) : url;
  return path.startsWith('/admin/');
}

/**
 * Adds `Authorization: Bearer <token>` to admin API requests, and forgets the token when the
 * server answers 401 to it (the page then asks for it again). Other requests pass untouched.
 */
export const adminAuthInterceptor: HttpInterceptorFn = (req, next) => {
  if (!isAdminApiUrl(req.url)) return next(req);
  const tokens = inject(AdminTokenStore);
  const token = tokens.token();
  const authed = token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
  return next(authed).pipe(
    catchError((error: unknown) => {
      if (token && error instanceof HttpErrorResponse && error.status === HttpStatusCode.Unauthorized) {
        tokens.reject(token);
      }
      return throwError(() => error);
    }),
  );
};
