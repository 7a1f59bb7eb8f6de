/** The seven moods the sidecar can return. `neutral` is what every message starts with. */
export const MOODS = ['neutral', 'happy', 'sad', 'angry', 'surprised', 'scared', 'disgusted'] as const;
export type Mood = (typeof MOODS)[number];

export const DEFAULT_MOOD: Mood = 'neutral';

export function isMood(value: unknown): value is Mood {
  return typeof value === 'string' && (MOODS as readonly string[]).includes(value);
}

/** Where a message's mood stands: queued for inference, inferred, or given up on. */
export const MOOD_STATUSES = ['pending', 'done', 'failed'] as const;
export type MoodStatus = (typeof MOOD_STATUSES)[number];
