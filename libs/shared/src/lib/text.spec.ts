import { characterCount, truncateCharacters } from './text';

describe('characterCount', () => {
  it('counts code points, so an emoji is one character', () => {
    expect(characterCount('')).toBe(0);
    expect(characterCount('hello')).toBe(5);
    expect(characterCount('🙂🙂')).toBe(2);
    expect('🙂🙂'.length).toBe(4);
  });
});

describe('truncateCharacters', () => {
  it('keeps the first max characters without splitting a pair', () => {
    expect(truncateCharacters('ab🙂cd', 3)).toBe('ab🙂');
    expect(truncateCharacters('short', 10)).toBe('short');
  });
});
