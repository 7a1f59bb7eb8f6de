import {
  characterCount,
  CONTROL_CHARACTERS,
  NICKNAME_MAX_LENGTH,
  NICKNAME_MIN_LENGTH,
} from '@moodlobby/shared';

/** The server's nickname rule (trimmed, 1–32 characters, no control characters), in plain words. */
export function nicknameErrors(raw: string): string[] {
  const nickname = raw.trim();
  const length = characterCount(nickname);
  const errors: string[] = [];
  if (length < NICKNAME_MIN_LENGTH) {
    errors.push('Please enter a nickname.');
  }
  if (length > NICKNAME_MAX_LENGTH) {
    errors.push(`Keep it to ${NICKNAME_MAX_LENGTH} characters or fewer (now ${length}).`);
  }
  if (CONTROL_CHARACTERS.test(nickname)) {
    errors.push('Nicknames cannot contain control characters such as tabs or line breaks.');
  }
  return errors;
}
