import { Injectable } from '@nestjs/common';

/** Told how many jobs were just committed. */
type Listener = (jobs: number) => void;

/**
 * The doorbell between storing a message and the inference worker: `notify(n)` after n jobs
 * are committed, so the worker claims them at once instead of at its next poll.
 */
@Injectable()
export class InferenceQueue {
  private readonly listeners = new Set<Listener>();

  notify(jobs: number): void {
    for (const listener of this.listeners) listener(jobs);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
