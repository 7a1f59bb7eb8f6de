import { HttpErrorResponse, HttpInterceptorFn, HttpStatusCode } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { AdminSessionStore } from './admin-session.store';

/** The sign-in route itself: its 401 means a wrong token, not an ended session. */
export const ADMIN_SESSION_PATH = '/admin/session';

/**
 * The admin API on this origin: `/admin/...`, or an absolute URL to it. Requests elsewhere are
 * not the admin API's, whatever their path.
 */
export function isAdminApiUrl(url: string): boolean {
  const origin = globalThis.location?.origin;
  const path = origin && url.startsWith(`${origin}/`) ? url.slice(origin.length) : url;
  return path.startsWith('/admin/');
}

/**
 * The admin API authenticates by the session cookie, which the browser sends by itself on this
 * origin. When the server answers 401 to an admin request other than the sign-in, the session
 * has ended (signed out in another tab, token changed, 12 hours passed): the page asks again.
 */
export const adminAuthInterceptor: HttpInterceptorFn = (req, next) => {
  if (!isAdminApiUrl(req.url) || req.url === ADMIN_SESSION_PATH) return next(req);
  const session = inject(AdminSessionStore);
  return next(req).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === HttpStatusCode.Unauthorized) session.ended();
      return throwError(() => error);
    }),
  );
};
