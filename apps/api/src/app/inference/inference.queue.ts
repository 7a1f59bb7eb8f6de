import { Injectable } from '@nestjs/common';

type Listener = () => void;

/**
 * The doorbell between storing a message and the inference worker: `notify()` after a job is
 * committed, so the worker claims it at once instead of at its next poll.
 */
@Injectable()
export class InferenceQueue {
  private readonly listeners = new Set<Listener>();

  notify(): void {
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
