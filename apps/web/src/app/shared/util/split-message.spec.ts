import { characterCount } from '@moodlobby/shared';
import { splitMessage } from './split-message';

/** The words of a text, in order: what splitting must keep. */
const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('splitMessage', () => {
  it('leaves a text within the limit as one message', () => {
    expect(splitMessage('  hello there  ', 20)).toEqual(['hello there']);
  });

  it('breaks at the last sentence end that fits, and keeps every word in order', () => {
    const text = 'First sentence is here. Second one follows it! Third is the last one of all.';
    const parts = splitMessage(text, 50);

    expect(parts).toEqual(['First sentence is here. Second one follows it!', 'Third is the last one of all.']);
    expect(words(parts.join(' '))).toEqual(words(text));
  });

  it('prefers a paragraph break, then a line break, then a space', () => {
    expect(splitMessage('aaaa bbbb\n\ncccc dddd eeee', 20)).toEqual(['aaaa bbbb', 'cccc dddd eeee']);
    expect(splitMessage('aaaa bbbb cc\ndddd eeee', 16)).toEqual(['aaaa bbbb cc', 'dddd eeee']);
    expect(splitMessage('aaaa bbbb cccc dddd', 12)).toEqual(['aaaa bbbb', 'cccc dddd']);
  });

  it('cuts a word longer than the limit between characters, never inside an emoji', () => {
    const parts = splitMessage('👍🏽'.repeat(5), 5); // each a thumb and a skin tone: two code points

    expect(parts).toEqual(['👍🏽👍🏽', '👍🏽👍🏽', '👍🏽']);
    expect(splitMessage('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('never makes a message over the limit, counting code points as the server does', () => {
    const text = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? `😀${i}.` : `word${i}`)).join(' ');
    const parts = splitMessage(text, 500);

    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(characterCount(part)).toBeLessThanOrEqual(500);
    expect(words(parts.join(' '))).toEqual(words(text));
  });
});
