import { DOCUMENT, DestroyRef, Signal, inject, signal } from '@angular/core';

/**
 * Whether a media query matches, following changes (an OS setting, a rotated phone). False
 * where `matchMedia` is missing. Call in an injection context.
 */
export function injectMediaQuery(media: string): Signal<boolean> {
  const query = inject(DOCUMENT).defaultView?.matchMedia?.(media);
  const matches = signal(query?.matches ?? false);
  if (query && typeof query.addEventListener === 'function') {
    const onChange = (event: MediaQueryListEvent) => matches.set(event.matches);
    query.addEventListener('change', onChange);
    inject(DestroyRef).onDestroy(() => query.removeEventListener('change', onChange));
  }
  return matches.asReadonly();
}

/** A touch screen is the main pointer: no hardware keyboard to speak of (no Shift+Enter hints). */
export const TOUCH_QUERY = '(hover: none) and (pointer: coarse)';
