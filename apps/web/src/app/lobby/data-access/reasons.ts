/** The server's validation reasons ("text must be shorter…"), as sentences a person reads. */

/** "text must be shorter…" → "Text must be shorter…." */
export function sentence(reason: string): string {
  const s = reason.trim();
  if (!s) return s;
  const capital = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** Why a message was not sent, from the server's reasons. */
export function refusedText(errors: readonly string[]): string {
  const reasons = errors.map(sentence).filter(Boolean);
  return reasons.length > 0
    ? `Your message was not sent. ${reasons.join(' ')}`
    : 'Your message was not sent: the server could not read it.';
}
