import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';
import { NICKNAME_MAX_LENGTH, NICKNAME_MIN_LENGTH, NO_CONTROL_CHARACTERS } from '@moodlobby/shared';
import { trimString } from '../../platform/validation/transforms';
import { CharacterLength } from '../../platform/validation/validators';

/**
 * The nickname rule of `session:start` and `session:rename`: trimmed, 1–32 characters, no
 * control characters. Listed bottom-up, the order stacked decorators run in, so the errors come
 * in the order they always did.
 */
export function IsNickname(): PropertyDecorator {
  return applyDecorators(
    Matches(NO_CONTROL_CHARACTERS, { message: 'nickname must not contain control characters' }),
    CharacterLength(NICKNAME_MIN_LENGTH, NICKNAME_MAX_LENGTH, {
      message: `nickname must be ${NICKNAME_MIN_LENGTH} to ${NICKNAME_MAX_LENGTH} characters`,
    }),
    IsString(),
    Transform(trimString),
  );
}
