import { inject } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { CanMatchFn } from '@angular/router';
import { SessionUser, Variant } from '@moodlobby/shared';
import { Observable, filter, map, of, take } from 'rxjs';
import { SessionStore } from '../lobby/data-access/session.store';

/**
 * The arm picker. Two routes share the path `''`; these guards let exactly one of them match:
 * the VN view for TREATMENT, the chat for CONTROL. The arm is read from the acknowledged
 * session user only (it comes from `session:ack`): no query parameter, stored setting or other
 * event is consulted, so a user cannot pick the other arm by URL.
 *
 * The first navigation runs at bootstrap, before the ack, so both guards wait for the user.
 */
export const isTreatment: CanMatchFn = () => armIs((variant) => variant === Variant.Treatment);

/** CONTROL, and also any arm this client does not know, gets the unchanged product: the chat. */
export const isControl: CanMatchFn = () => armIs((variant) => variant !== Variant.Treatment);

function armIs(matches: (variant: Variant) => boolean): Observable<boolean> {
  return sessionUser().pipe(map((user) => matches(user.variant)));
}

/** The acknowledged user: at once when known, otherwise on the ack (then completes). */
function sessionUser(): Observable<SessionUser> {
  const user = inject(SessionStore).user;
  const known = user();
  if (known) return of(known);
  return toObservable(user).pipe(
    filter((u): u is SessionUser => u !== null),
    take(1),
  );
}
