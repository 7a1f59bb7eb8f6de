import { randomUUID } from 'node:crypto';
import { CHARACTER_LOOK_COUNT, HAIR_STYLES, OUTFITS, characterLook } from './character-look';

/** UUID-shaped ids, as the server issues them (deterministic here). */
function userIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const hex = (i * 2654435761 >>> 0).toString(16).padStart(8, '0');
    return `${hex}-${(i % 65536).toString(16).padStart(4, '0')}-4000-8000-${i.toString(16).padStart(12, '0')}`;
  });
}

describe('characterLook', () => {
  it('is a pure function of the user id', () => {
    for (const id of userIds(200)) {
      expect(characterLook(id)).toEqual(characterLook(id));
    }
    // Pinned, so a change to the derivation (which would re-dress every user) is noticed.
    expect(characterLook('3f2b8c1e-0000-4000-8000-000000000000')).toMatchObject({
      index: 4,
      name: 'look-4',
      hair: 'bob',
      outfit: 'hoodie',
      hue: 112,
    });
    expect(characterLook('user-1')).toMatchObject({ name: 'look-7', hair: 'bun', outfit: 'hoodie', hue: 97 });
  });

  it.each([
    ['patterned ids', userIds(4000)],
    ['random UUIDs', Array.from({ length: 4000 }, () => randomUUID())],
  ])('spreads %s over every look, none badly over- or under-used', (_, ids) => {
    const counts = new Array<number>(CHARACTER_LOOK_COUNT).fill(0);
    for (const id of ids) counts[characterLook(id).index]++;

    const expected = ids.length / CHARACTER_LOOK_COUNT;
    for (const count of counts) {
      expect(count).toBeGreaterThan(expected * 0.8);
      expect(count).toBeLessThan(expected * 1.2);
    }
  });

  it('gives users of the same look different colours', () => {
    const sameLook = userIds(2000).filter((id) => characterLook(id).index === 0);
    const hues = new Set(sameLook.map((id) => characterLook(id).hue));

    expect(sameLook.length).toBeGreaterThan(100);
    expect(hues.size).toBeGreaterThan(sameLook.length * 0.5);
  });

  it('ties hair and outfit to the look number, so art folders and placeholders agree', () => {
    for (const id of userIds(300)) {
      const look = characterLook(id);
      expect(look.index).toBeGreaterThanOrEqual(0);
      expect(look.index).toBeLessThan(CHARACTER_LOOK_COUNT);
      expect(look.hair).toBe(HAIR_STYLES[look.index % HAIR_STYLES.length]);
      expect(look.outfit).toBe(OUTFITS[Math.floor(look.index / HAIR_STYLES.length)]);
      expect(look.hue).toBeGreaterThanOrEqual(0);
      expect(look.hue).toBeLessThan(360);
    }
  });
});
