import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Equal, In, LessThan, Repository } from 'typeorm';
import type { Mood } from '@moodlobby/shared';
import { findByClientId, insertMessages, setMoods, textsOf } from './chat.queries';
import { MessageEntity } from './message.entity';

/**
 * The messages table, for chat (storing and reading messages) and for the inference worker,
 * which reads a message's text and fills in its mood. The writes take the caller's transaction.
 */
@Injectable()
export class MessagesService {
  constructor(@InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>) {}

  /** Stores messages whose every column is given, so nothing is read back after the INSERT. */
  insert(manager: EntityManager, messages: MessageEntity[]): Promise<void> {
    return insertMessages(manager, messages);
  }

  /** The newest `limit` messages, newest first. */
  latest(limit: number): Promise<MessageEntity[]> {
    return this.messages.find({ order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  findById(id: string): Promise<MessageEntity | null> {
    return this.messages.findOneBy({ id });
  }

  /** Up to `limit` messages before `cursor` by (createdAt, id), newest first. */
  olderThan(cursor: MessageEntity, limit: number): Promise<MessageEntity[]> {
    return this.messages.find({
      where: [{ createdAt: LessThan(cursor.createdAt) }, { createdAt: Equal(cursor.createdAt), id: LessThan(cursor.id) }],
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  findByClientId(userId: string, clientMessageId: string): Promise<MessageEntity | null> {
    return findByClientId(this.messages.manager, userId, clientMessageId);
  }

  /** The texts of these messages, by id. */
  textsOf(messageIds: string[]): Promise<Map<string, string>> {
    return textsOf(this.messages.manager, messageIds);
  }

  /** Inferred moods (a batch's): stored on their messages, which are then `done`. */
  setMoods(manager: EntityManager, moods: { messageId: string; mood: Mood; confidence: number }[]): Promise<void> {
    return setMoods(manager, moods);
  }

  /** Inference gave up: the message stays neutral and is `failed`. */
  async markMoodFailed(manager: EntityManager, messageId: string): Promise<void> {
    await manager.update(MessageEntity, { id: messageId }, { moodStatus: 'failed' });
  }

  /** Inference gave up on these messages at once (the overload bound): neutral and `failed`. */
  async markMoodsFailed(manager: EntityManager, messageIds: string[]): Promise<void> {
    // Chunks keep the bound parameters under SQLite's limit.
    for (let i = 0; i < messageIds.length; i += 500) {
      await manager.update(MessageEntity, { id: In(messageIds.slice(i, i + 500)) }, { moodStatus: 'failed' });
    }
  }
}
