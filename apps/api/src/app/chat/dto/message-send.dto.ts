import { Transform } from 'class-transformer';
import { IsString, Matches, Validate } from 'class-validator';
import { CLIENT_MESSAGE_ID_PATTERN, MessageSendPayload } from '@moodlobby/shared';
import { trimMessageText } from '../../platform/validation/transforms';
import { IsOmittable } from '../../platform/validation/validators';
import { MessageLengthConstraint } from './message-length.constraint';

export class MessageSendDto implements MessageSendPayload {
  @Transform(trimMessageText)
  @IsString()
  @Validate(MessageLengthConstraint)
  text!: string;

  /** Idempotency key: a repeat from the same user returns the first message instead of a new one. */
  @IsOmittable()
  @IsString()
  @Matches(CLIENT_MESSAGE_ID_PATTERN, { message: 'clientMessageId must be 1 to 64 letters, digits, - or _' })
  clientMessageId?: string;
}
