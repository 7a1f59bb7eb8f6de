import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Equal, LessThan, QueryFailedError, Repository } from 'typeorm';
import { DEFAULT_HISTORY_PAGE_SIZE, Message, ServerEvent } from '@moodlobby/shared';
import { InvalidPayloadException } from '../common/ws-exceptions';
import type { AppConfig } from '../../config/env.validation';
import { DatabaseService } from '../database/database.service';
import { InferenceJob, JobStatus } from '../inference/inference-job.entity';
import { InferenceQueue } from '../inference/inference.queue';
import { RealtimeService } from '../realtime/realtime.service';
import { messageStored } from '../stats/stats.writer';
import type { SocketSession } from '../realtime/socket-session';
import type { HistoryBeforeDto } from './dto/history-before.dto';
import type { MessageSendDto } from './dto/message-send.dto';
import { MessageEntity } from './message.entity';
import { toMessage } from './message.mapper';
import { RateLimitService } from './rate-limit.service';

@Injectable()
export class ChatService {
  private readonly historyLimit: number;
  /** Last timestamp handed out: message times strictly increase within a process. */
  private lastCreatedAt = 0;

  constructor(
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    private readonly db: DatabaseService,
    private readonly rateLimit: RateLimitService,
    private readonly realtime: RealtimeService,
    private readonly queue: InferenceQueue,
    config: ConfigService<AppConfig, true>,
  ) {
    this.historyLimit = config.getOrThrow('MESSAGE_HISTORY_LIMIT');
  }

  /**
   * Stores a message with its inference job (one transaction), broadcasts it as `neutral` /
   * `pending`, and wakes the worker. A repeated clientMessageId returns the stored message
   * and neither spends budget nor broadcasts again.
   */
  async send(session: SocketSession, dto: MessageSendDto): Promise<Message> {
    const original = await this.findByClientId(session.userId, dto.clientMessageId);
    if (original) return original;

    await this.rateLimit.consume(session.userId);
    const entity: MessageEntity = {
      id: randomUUID(),
      userId: session.userId,
      nickname: session.nickname,
      text: dto.text,
      mood: 'neutral',
      moodStatus: 'pending',
      confidence: null,
      clientMessageId: dto.clientMessageId ?? null,
      createdAt: this.nextTimestamp(),
    };
    try {
      await this.db.transaction(async (manager) => {
        await manager.insert(MessageEntity, entity);
        await manager.insert(InferenceJob, newJob(entity));
        await messageStored(manager, entity.userId, session.variant, entity.createdAt);
      });
    } catch (error) {
      // Two sends with one clientMessageId raced; the other one stored it first.
      const winner = error instanceof QueryFailedError && (await this.findByClientId(session.userId, dto.clientMessageId));
      if (winner) return winner;
      throw error;
    }
    const message = toMessage(entity);
    this.realtime.toAll(ServerEvent.MessageNew, message);
    this.queue.notify();
    return message;
  }

  /** The last MESSAGE_HISTORY_LIMIT messages, oldest first, with their current moods. */
  async history(): Promise<Message[]> {
    if (this.historyLimit === 0) return [];
    const latest = await this.messages.find({ order: { createdAt: 'DESC', id: 'DESC' }, take: this.historyLimit });
    return latest.reverse().map(toMessage);
  }

  /**
   * A page of messages older than `beforeId` by (createdAt, id), oldest first, with their current
   * moods; `hasMore` says whether anything older is left. The cursor is a stored message, so
   * pages never skip or repeat one, however many are sent meanwhile.
   */
  async historyBefore(dto: HistoryBeforeDto): Promise<{ messages: Message[]; hasMore: boolean }> {
    const cursor = await this.messages.findOneBy({ id: dto.beforeId });
    if (!cursor) throw new InvalidPayloadException(['beforeId does not name a message']);
    const limit = dto.limit ?? DEFAULT_HISTORY_PAGE_SIZE;
    const older = await this.messages.find({
      where: [{ createdAt: LessThan(cursor.createdAt) }, { createdAt: Equal(cursor.createdAt), id: LessThan(cursor.id) }],
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit + 1,
    });
    return { messages: older.slice(0, limit).reverse().map(toMessage), hasMore: older.length > limit };
  }

  private async findByClientId(userId: string, clientMessageId: string | undefined): Promise<Message | null> {
    if (!clientMessageId) return null;
    const found = await this.messages.findOneBy({ userId, clientMessageId });
    return found ? toMessage(found) : null;
  }

  private nextTimestamp(): Date {
    this.lastCreatedAt = Math.max(Date.now(), this.lastCreatedAt + 1);
    return new Date(this.lastCreatedAt);
  }
}

function newJob(message: MessageEntity): InferenceJob {
  return {
    id: randomUUID(),
    messageId: message.id,
    status: JobStatus.Pending,
    attempts: 0,
    lastError: null,
    runAt: message.createdAt,
    lockedAt: null,
    lockedBy: null,
    createdAt: message.createdAt,
    finishedAt: null,
    latencyMs: null,
  };
}
