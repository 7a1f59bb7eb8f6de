import type { Mood, MoodStatus } from '@moodlobby/shared';

/** How a message's mood reads to a person (and a screen reader), in either view. */
export function moodStatusLabel(mood: Mood, status: MoodStatus | null): string {
  switch (status) {
    case 'done':
      return `Mood: ${mood}`;
    case 'failed':
      return 'Mood unavailable';
    default:
      return 'Mood pending';
  }
}
