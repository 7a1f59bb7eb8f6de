import { fnv1a32 } from '@moodlobby/shared';
import { identityMark } from '../../shared/util/identity';

/** How many character looks there are: art folders `look-0` … `look-7`. */
export const CHARACTER_LOOK_COUNT = 8;

/** Hair shapes of the drawn placeholder; the look number picks one, so art and placeholder agree. */
export const HAIR_STYLES = ['bob', 'long', 'spiky', 'bun'] as const;
export type HairStyle = (typeof HAIR_STYLES)[number];

/** Outfits of the drawn placeholder, also picked by the look number. */
export const OUTFITS = ['jacket', 'hoodie'] as const;
export type Outfit = (typeof OUTFITS)[number];

const SKIN_TONES = ['#f7dcc8', '#efc4a4', '#dca47e', '#b97d57', '#8c5b3d'] as const;

/**
 * How a user appears in the VN view. `index` (and `name`, the art folder) picks the shape;
 * the colours come from a second hash of the id, so two users sharing a look still differ.
 */
export interface CharacterLook {
  index: number;
  /** `look-<index>`: the folder of this look's art. */
  name: string;
  hair: HairStyle;
  outfit: Outfit;
  /** 0–359: the user's hue (their identity colour), used for hair, outfit and name plate. */
  hue: number;
  skin: string;
  hairColor: string;
  outfitColor: string;
  eyeColor: string;
  /** The name plate and backlog colour of this user: light enough for dark text (≥ 6:1 at any hue). */
  accent: string;
}

/** The look of a user: a pure function of the id (FNV-1a, as shared with the server). */
export function characterLook(userId: string): CharacterLook {
  // FNV-1a's low bits follow the input's low bits closely; its high bits are well mixed.
  const index = (fnv1a32(`look:${userId}`) >>> 16) % CHARACTER_LOOK_COUNT;
  const colours = fnv1a32(`colour:${userId}`);
  const { hue } = identityMark(userId);
  const skin = SKIN_TONES[(colours >>> 8) % SKIN_TONES.length];
  return {
    index,
    name: `look-${index}`,
    hair: HAIR_STYLES[index % HAIR_STYLES.length],
    outfit: OUTFITS[Math.floor(index / HAIR_STYLES.length) % OUTFITS.length],
    hue,
    skin,
    hairColor: `hsl(${hue} 45% 32%)`,
    outfitColor: `hsl(${(hue + 150) % 360} 42% 52%)`,
    eyeColor: `hsl(${(hue + 200) % 360} 40% 22%)`,
    accent: `hsl(${hue} 70% 74%)`,
  };
}
