import type { LobbyClient } from './lobby-client';

/** Resolves after `ms` (a negative wait is none). */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export interface ReceivedEvent<T = unknown> {
  event: string;
  payload: T;
  /** Index in `client.received`. */
  index: number;
}

/**
 * Waits for (or finds) the first event named one of `events` at index `since` or later in
 * `client.received`. Unlike `LobbyClient.waitFor` it only scans what came after `since`, so a
 * client that has received tens of thousands of events can wait thousands of times cheaply.
 */
export function nextEvent<T = unknown>(
  client: LobbyClient,
  events: string[],
  options: { since: number; predicate?: (payload: T, event: string) => boolean; timeoutMs?: number },
): Promise<ReceivedEvent<T>> {
  const { since, predicate = () => true, timeoutMs = 10_000 } = options;
  let scanned = since;
  const find = (): ReceivedEvent<T> | null => {
    for (; scanned < client.received.length; scanned++) {
      const { event, payload } = client.received[scanned];
      if (events.includes(event) && predicate(payload as T, event)) return { event, payload: payload as T, index: scanned };
    }
    return null;
  };
  const found = find();
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    // Registered after the client's own recorder, so `received` already holds the event.
    const listener = () => {
      const hit = find();
      if (!hit) return;
      done();
      resolve(hit);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no ${events.join(' or ')} within ${timeoutMs} ms after event #${since}`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      client.socket.offAny(listener);
    };
    client.socket.onAny(listener);
  });
}

/** Resolves with the reason once the client's socket disconnects (at once if it already has). */
export function disconnection(client: LobbyClient, timeoutMs = 10_000): Promise<string> {
  if (!client.socket.connected) return Promise.resolve('already disconnected');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${timeoutMs} ms`)), timeoutMs);
    client.socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}
