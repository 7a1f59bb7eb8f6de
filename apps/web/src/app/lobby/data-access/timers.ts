import { DestroyRef, inject } from '@angular/core';

/** One-shot timers a store owns: all cleared together (a reset), and when the store goes. */
export interface Timers {
  /** Runs `fn` once, after `ms`. */
  later(ms: number, fn: () => void): void;
  clearAll(): void;
}

/** Timers cleared when the current injection context is destroyed. Call in an injection context. */
export function injectTimers(): Timers {
  const pending = new Set<ReturnType<typeof setTimeout>>();
  const timers: Timers = {
    later(ms, fn) {
      const timer = setTimeout(() => {
        pending.delete(timer);
        fn();
      }, ms);
      pending.add(timer);
    },
    clearAll() {
      pending.forEach((t) => clearTimeout(t));
      pending.clear();
    },
  };
  inject(DestroyRef).onDestroy(() => timers.clearAll());
  return timers;
}
