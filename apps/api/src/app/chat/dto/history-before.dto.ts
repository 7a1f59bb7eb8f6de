import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { HistoryBeforePayload, MAX_HISTORY_PAGE_SIZE } from '@moodlobby/shared';
import { IsOmittable } from '../../platform/validation/validators';

export class HistoryBeforeDto implements HistoryBeforePayload {
  /** The oldest message the client holds: the page ends just before it. */
  @IsUUID(undefined, { message: 'beforeId must be a message id (a UUID)' })
  beforeId!: string;

  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(MAX_HISTORY_PAGE_SIZE)
  limit?: number;
}
