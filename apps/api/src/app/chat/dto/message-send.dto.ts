import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, Validate } from 'class-validator';
import { CLIENT_MESSAGE_ID_PATTERN, MessageSendPayload } from '@moodlobby/shared';
import { trimString } from '../../common/transforms';
import { MessageLengthConstraint } from './message-length.constraint';

export class MessageSendDto implements MessageSendPayload {
  @Transform(trimString)
  @IsString()
  @Validate(MessageLengthConstraint)
  text!: string;

  /** Idempotency key: a repeat from the same user returns the first message instead of a new one. */
  @IsOptional()
  @IsString()
  @Matches(CLIENT_MESSAGE_ID_PATTERN, { message: 'clientMessageId must be 1 to 64 letters, digits, - or _' })
  clientMessageId?: string;
}
