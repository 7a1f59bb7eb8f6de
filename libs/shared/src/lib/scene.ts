import { fnv1a32 } from './hash';
import { DEFAULT_MOOD, Mood, isMood } from './mood';

/** How many backgrounds each mood's set holds: `<mood>-1` … `<mood>-N`. */
export const BACKGROUNDS_PER_MOOD = 3;

export interface Scene {
  /** The mood the scene was picked for (an unknown mood falls back to `neutral`). */
  mood: Mood;
  /** The character's expression: one per mood. */
  expression: Mood;
  /** 1-based index into the mood's background set. */
  backgroundIndex: number;
  /** `<mood>-<n>`: the background's asset name without extension. */
  background: string;
}

/**
 * Picks the VN scene of a message: the background from the mood's set by the seed, and the
 * expression from the mood. Total (any string is a seed, any value a mood) and deterministic.
 */
export function selectScene(mood: Mood | string, seed: string): Scene {
  const sceneMood: Mood = isMood(mood) ? mood : DEFAULT_MOOD;
  const backgroundIndex = (seedNumber(seed) % BACKGROUNDS_PER_MOOD) + 1;
  return {
    mood: sceneMood,
    expression: sceneMood,
    backgroundIndex,
    background: `${sceneMood}-${backgroundIndex}`,
  };
}

/** A seed is normally eight hex digits (the start of a UUID); anything else is hashed. */
function seedNumber(seed: string): number {
  return /^[0-9a-f]{1,8}$/i.test(seed) ? parseInt(seed, 16) : fnv1a32(seed);
}
