import { DOCUMENT, DestroyRef, Signal, inject, signal } from '@angular/core';

export const REDUCED_MOTION_QUERY = '(prefers-reduced-motion: reduce)';

/**
 * Whether the user asked for reduced motion, following changes of the OS setting. False where
 * `matchMedia` is missing. Call in an injection context.
 */
export function injectReducedMotion(): Signal<boolean> {
  const query = inject(DOCUMENT).defaultView?.matchMedia?.(REDUCED_MOTION_QUERY);
  const reduced = signal(query?.matches ?? false);
  if (query && typeof query.addEventListener === 'function') {
    const onChange = (event: MediaQueryListEvent) => reduced.set(event.matches);
    query.addEventListener('change', onChange);
    inject(DestroyRef).onDestroy(() => query.removeEventListener('change', onChange));
  }
  return reduced.asReadonly();
}
