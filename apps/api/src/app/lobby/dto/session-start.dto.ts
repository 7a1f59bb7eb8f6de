import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength } from 'class-validator';
import {
  NICKNAME_MAX_LENGTH,
  NICKNAME_MIN_LENGTH,
  NO_CONTROL_CHARACTERS,
  SESSION_TOKEN_MAX_LENGTH,
  SessionStartPayload,
} from '@moodlobby/shared';
import { trimString } from '../../platform/validation/transforms';
import { CharacterLength, IsOmittable } from '../../platform/validation/validators';

export class SessionStartDto implements SessionStartPayload {
  @Transform(trimString)
  @IsString()
  @CharacterLength(NICKNAME_MIN_LENGTH, NICKNAME_MAX_LENGTH, {
    message: `nickname must be ${NICKNAME_MIN_LENGTH} to ${NICKNAME_MAX_LENGTH} characters`,
  })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'nickname must not contain control characters' })
  nickname!: string;

  /** The token from an earlier `session:ack`; a token that does not verify starts a new user. */
  @IsOmittable()
  @IsString()
  @MaxLength(SESSION_TOKEN_MAX_LENGTH)
  token?: string;
}
