import { fnv1a32, PresenceUser } from '@moodlobby/shared';

/** Crockford's base-32 digits: no I, L, O or U, so a mark never reads as another. */
const DIGITS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * How a person is told apart from anyone else with the same nickname: a short mark and a hue,
 * both pure functions of the user id (which the server issues and nobody can choose), so they
 * are the same in every view, every tab and every session of that user.
 */
export interface IdentityMark {
  /** `#` and four base-32 digits (about a million marks). */
  tag: string;
  /** 0–359: the user's colour (the VN character's too). */
  hue: number;
  /** The user's colour as a swatch. */
  colour: string;
}

export function identityMark(userId: string): IdentityMark {
  const bits = fnv1a32(`tag:${userId}`) >>> 12; // the well-mixed high 20 bits
  let tag = '';
  for (let i = 0; i < 4; i++) tag = DIGITS[(bits >>> (5 * i)) & 31] + tag;
  // FNV-1a's low bits follow the input's low bits closely; its high bits are well mixed.
  const hue = (fnv1a32(`colour:${userId}`) >>> 16) % 360;
  return { tag: `#${tag}`, hue, colour: `hsl(${hue} 70% 50%)` };
}

/**
 * A nickname as people read it: case, width, spacing and invisible characters ignored, so
 * "Alice", "alice " and "Al\u200Bice" count as the same name.
 */
export function readAs(nickname: string): string {
  return nickname
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleLowerCase();
}

/** Groups of two or more different users whose nicknames read the same, in list order. */
export function sameNameGroups(users: readonly PresenceUser[]): PresenceUser[][] {
  const byName = new Map<string, Map<string, PresenceUser>>();
  for (const user of users) {
    const key = readAs(user.nickname);
    const group = byName.get(key) ?? new Map<string, PresenceUser>();
    group.set(user.id, user);
    byName.set(key, group);
  }
  return [...byName.values()].filter((group) => group.size > 1).map((group) => [...group.values()]);
}
