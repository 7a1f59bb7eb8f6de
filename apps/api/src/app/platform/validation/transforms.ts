import type { TransformFnParams } from 'class-transformer';

/** A UTF-16 surrogate without its partner: not a character, and not encodable in UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Trims strings and replaces lone surrogates with U+FFFD (one character for one), so the text the
 * database keeps is the text that was acked and broadcast; anything else is left for the type
 * validators to reject.
 */
export const trimString = ({ value }: TransformFnParams): unknown =>
  typeof value === 'string' ? value.trim().replace(LONE_SURROGATE, '\uFFFD') : value;

/**
 * Message text as every supported database can keep it: trimmed and well-formed as above, and
 * NUL (which a PostgreSQL text column refuses) as U+FFFD. Nicknames do not need this: a control
 * character there is refused.
 */
export const trimMessageText = (params: TransformFnParams): unknown => {
  const value = trimString(params);
  // eslint-disable-next-line no-control-regex
  return typeof value === 'string' ? value.replace(/\u0000/g, '\uFFFD') : value;
};
