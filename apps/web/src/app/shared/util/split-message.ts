import { characterCount } from '@moodlobby/shared';
import { graphemes } from './graphemes';

/**
 * Splits a text that is over the message limit into messages of at most `max` characters (code
 * points, as the server counts), in order, losing nothing but the whitespace where it breaks.
 * Each break is at the last paragraph, line, sentence or word boundary that fits; a single word
 * longer than `max` is cut between user-perceived characters, never inside an emoji.
 */
export function splitMessage(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (characterCount(rest) > max) {
    const head = prefix(rest, max);
    const cut = breakPoint(head);
    parts.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}

/** The longest prefix of `text` of at most `max` code points that ends between graphemes. */
function prefix(text: string, max: number): string {
  let head = '';
  let count = 0;
  for (const g of graphemes(text)) {
    const size = characterCount(g);
    if (count + size > max) break;
    head += g;
    count += size;
  }
  // One grapheme longer than the limit on its own (unlikely): cut it by code points.
  return head || Array.from(text).slice(0, max).join('');
}

/** Where to end a part inside `head`: after the best boundary in its second half, else at its end. */
function breakPoint(head: string): number {
  const floor = Math.floor(head.length / 2);
  for (const boundary of [/\n\s*\n/g, /\n/g, /[.!?…]["')\]]*\s/g, /\s/g]) {
    let best = -1;
    for (const match of head.matchAll(boundary)) {
      const end = (match.index ?? 0) + match[0].length;
      if (end > floor) best = end;
    }
    if (best > 0) return best;
  }
  return head.length;
}
