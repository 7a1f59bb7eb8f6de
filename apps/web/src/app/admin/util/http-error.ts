import { HttpErrorResponse } from '@angular/common/http';

/** A friendly sentence for a failed admin API call. */
export function describeError(error: unknown): string {
  if (!(error instanceof HttpErrorResponse)) return 'Something went wrong while loading. Try refreshing.';
  if (error.status === 0) return 'Could not reach the server. Check that it is running, then refresh.';
  if (error.status === 401) return 'That token was not accepted';
  if (error.status === 400) {
    const errors = (error.error as { errors?: unknown } | null)?.errors;
    const reasons = Array.isArray(errors) ? errors.filter((e): e is string => typeof e === 'string') : [];
    return reasons.length > 0 ? `The server refused the request: ${reasons.join('; ')}.` : 'The server refused the request.';
  }
  if (error.status >= 500) return `The server failed to answer (HTTP ${error.status}). Try refreshing in a moment.`;
  return `The request failed (HTTP ${error.status}).`;
}
