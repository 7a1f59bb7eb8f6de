import { Message, messageSeed } from '@moodlobby/shared';
import type { MessageEntity } from './message.entity';

export function toMessage(entity: MessageEntity): Message {
  return {
    id: entity.id,
    userId: entity.userId,
    nickname: entity.nickname,
    text: entity.text,
    mood: entity.mood,
    moodStatus: entity.moodStatus,
    confidence: entity.confidence,
    seed: messageSeed(entity.id),
    createdAt: entity.createdAt.toISOString(),
    ...(entity.clientMessageId ? { clientMessageId: entity.clientMessageId } : {}),
  };
}
