import { IsString, MaxLength } from 'class-validator';
import { SESSION_TOKEN_MAX_LENGTH, SessionStartPayload } from '@moodlobby/shared';
import { IsOmittable } from '../../platform/validation/validators';
import { IsNickname } from './nickname.validator';

export class SessionStartDto implements SessionStartPayload {
  @IsNickname()
  nickname!: string;

  /** The token from an earlier `session:ack`; a token that does not verify starts a new user. */
  @IsOmittable()
  @IsString()
  @MaxLength(SESSION_TOKEN_MAX_LENGTH)
  token?: string;
}
