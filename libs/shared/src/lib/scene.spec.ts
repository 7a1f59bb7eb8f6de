import { randomUUID } from 'node:crypto';
import { BACKGROUNDS_PER_MOOD, selectScene } from './scene';
import { MOODS } from './mood';
import { messageSeed } from './protocol';

describe('selectScene', () => {
  it('is total over every mood and many seeds, with the expression of the mood', () => {
    for (const mood of MOODS) {
      const seen = new Set<number>();
      for (let i = 0; i < 500; i++) {
        const scene = selectScene(mood, messageSeed(randomUUID()));
        expect(scene.expression).toBe(mood);
        expect(scene.background).toBe(`${mood}-${scene.backgroundIndex}`);
        expect(scene.backgroundIndex).toBeGreaterThanOrEqual(1);
        expect(scene.backgroundIndex).toBeLessThanOrEqual(BACKGROUNDS_PER_MOOD);
        seen.add(scene.backgroundIndex);
      }
      expect(seen.size).toBe(BACKGROUNDS_PER_MOOD);
    }
  });

  it('gives the same scene for the same mood and seed', () => {
    for (let i = 0; i < 200; i++) {
      const seed = messageSeed(randomUUID());
      expect(selectScene('happy', seed)).toEqual(selectScene('happy', seed));
    }
  });

  it('picks the background by the seed as a hex number', () => {
    expect(selectScene('sad', '00000000').background).toBe('sad-1');
    expect(selectScene('sad', '00000001').background).toBe('sad-2');
    expect(selectScene('sad', '00000005').background).toBe('sad-3');
  });

  it('falls back to neutral for an unknown mood and accepts any seed', () => {
    for (const seed of ['', 'not-hex', '🙂🙂', 'x'.repeat(1000)]) {
      const scene = selectScene('furious', seed);
      expect(scene.mood).toBe('neutral');
      expect(scene.background).toMatch(/^neutral-[1-3]$/);
      expect(selectScene('furious', seed)).toEqual(scene);
    }
  });
});
