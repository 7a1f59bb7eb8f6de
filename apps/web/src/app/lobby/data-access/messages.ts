import type { Message, MoodUpdatedPayload } from '@moodlobby/shared';

/** The most messages kept in memory; the oldest go first. */
export const MAX_MESSAGES_IN_MEMORY = 500;

/** Oldest first: by `createdAt`, then by `id` so equal timestamps have a stable order. */
export function compareMessages(a: Message, b: Message): number {
  const byTime = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Merges `incoming` into `current` by id: no duplicates, ordered, capped to the newest `cap`.
 * A newer copy wins, except that a copy still `pending` never undoes a mood already settled.
 */
export function mergeMessages(
  current: readonly Message[],
  incoming: readonly Message[],
  cap = MAX_MESSAGES_IN_MEMORY,
): Message[] {
  if (incoming.length === 0) return current as Message[];
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const message of incoming) {
    const known = byId.get(message.id);
    byId.set(message.id, known && isStaleMood(known, message) ? { ...message, ...moodOf(known) } : message);
  }
  const merged = [...byId.values()].sort(compareMessages);
  return merged.length > cap ? merged.slice(merged.length - cap) : merged;
}

/** Applies a `message:mood_updated` to the message it names; others are untouched. */
export function applyMoodUpdate(messages: readonly Message[], update: MoodUpdatedPayload): Message[] {
  return messages.map((m) =>
    m.id === update.messageId
      ? { ...m, mood: update.mood, moodStatus: update.status, confidence: update.confidence }
      : m,
  );
}

function isStaleMood(known: Message, incoming: Message): boolean {
  return incoming.moodStatus === 'pending' && known.moodStatus !== 'pending';
}

function moodOf(m: Message): Pick<Message, 'mood' | 'moodStatus' | 'confidence'> {
  return { mood: m.mood, moodStatus: m.moodStatus, confidence: m.confidence };
}
