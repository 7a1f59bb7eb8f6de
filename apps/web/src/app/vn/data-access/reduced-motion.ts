import { Signal } from '@angular/core';
import { injectMediaQuery } from '../../shared/util/media-query';

export const REDUCED_MOTION_QUERY = '(prefers-reduced-motion: reduce)';

/** Whether the user asked for reduced motion, following changes of the OS setting. Call in an injection context. */
export function injectReducedMotion(): Signal<boolean> {
  return injectMediaQuery(REDUCED_MOTION_QUERY);
}
