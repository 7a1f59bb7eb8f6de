/** Text measured the same way on both sides. */
/**
 * Characters as the server counts them: Unicode code points, so an emoji is one character
 * (JavaScript's `length` and the `maxlength` attribute count UTF-16 units, where it is two).
 */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** The first `max` characters (code points) of `text`, never splitting a surrogate pair. */
export function truncateCharacters(text: string, max: number): string {
  return characterCount(text) <= max ? text : Array.from(text).slice(0, max).join('');
}
