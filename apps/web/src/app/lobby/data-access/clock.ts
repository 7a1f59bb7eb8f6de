import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';

/** How often a running clock ticks: countdowns in whole seconds stay within a quarter second. */
export const CLOCK_TICK_MS = 250;

/**
 * The time for countdowns (the rate-limit notice, the disabled Send button), as a signal. It
 * ticks only while some countdown runs (`runUntil`), so an idle page has no timer.
 */
@Injectable({ providedIn: 'root' })
export class Clock {
  // state
  private readonly state = signal({ now: Date.now() });

  // selectors
  readonly now = computed(() => this.state().now);

  private runningUntil = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearInterval(this.timer));
  }

  /** Reads the time now and keeps ticking until `deadline` (epoch ms) has passed. */
  runUntil(deadline: number): void {
    this.state.set({ now: Date.now() });
    this.runningUntil = Math.max(this.runningUntil, deadline);
    this.timer ??= setInterval(() => this.tick(), CLOCK_TICK_MS);
  }

  private tick(): void {
    const now = Date.now();
    this.state.set({ now });
    if (now < this.runningUntil) return;
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** Whole seconds left until `deadline`, rounded up; 0 once it has passed. */
export function secondsLeft(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}
