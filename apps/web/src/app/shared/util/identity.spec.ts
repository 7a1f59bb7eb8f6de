import { identityMark, readAs, sameNameGroups } from './identity';

describe('identityMark', () => {
  it('is the same for the same user id, everywhere', () => {
    const id = '3f1c2b9a-0d4e-4f5a-9b8c-7d6e5f4a3b2c';
    expect(identityMark(id)).toEqual(identityMark(id));
    expect(identityMark(id).tag).toMatch(/^#[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('tells apart nearly every pair of users: few of 2,000 ids share a mark', () => {
    const tags = new Set<string>();
    for (let i = 0; i < 2000; i++) tags.add(identityMark(`00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`).tag);
    // 2,000 draws from 2^20 marks: about two collisions expected.
    expect(tags.size).toBeGreaterThan(1990);
  });

  it('spreads hues around the wheel', () => {
    const hues = Array.from({ length: 360 }, (_, i) => identityMark(`user-${i}`).hue);
    const sixths = new Set(hues.map((h) => Math.floor(h / 60)));
    expect(sixths.size).toBe(6);
  });
});

describe('readAs', () => {
  it('treats names that read the same as the same', () => {
    expect(readAs('Alice')).toBe(readAs(' alice  '));
    expect(readAs('Al\u200Bice')).toBe(readAs('ALICE'));
    expect(readAs('Ａｌｉｃｅ')).toBe(readAs('alice')); // full-width letters
    expect(readAs('Alice Smith')).toBe(readAs('Alice   Smith'));
    expect(readAs('Alice')).not.toBe(readAs('Alicia'));
  });
});

describe('sameNameGroups', () => {
  it('finds different users whose names read the same, not one user listed twice', () => {
    const groups = sameNameGroups([
      { id: 'a', nickname: 'Alice' },
      { id: 'b', nickname: 'Bob' },
      { id: 'c', nickname: 'alice ' },
      { id: 'b', nickname: 'Bob' },
    ]);

    expect(groups).toEqual([
      [
        { id: 'a', nickname: 'Alice' },
        { id: 'c', nickname: 'alice ' },
      ],
    ]);
  });
});
