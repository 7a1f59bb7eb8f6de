import { SessionRenamePayload } from '@moodlobby/shared';
import { IsNickname } from './nickname.validator';

export class SessionRenameDto implements SessionRenamePayload {
  @IsNickname()
  nickname!: string;
}
