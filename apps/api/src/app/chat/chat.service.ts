import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EntityManager, QueryFailedError } from 'typeorm';
import { DEFAULT_HISTORY_PAGE_SIZE, Message, ServerEvent, type Variant } from '@moodlobby/shared';
import { InferenceJobsService } from '../inference/inference-jobs.service';
import { InferenceQueue } from '../inference/inference.queue';
import type { AppConfig } from '../platform/config/env.validation';
import { DatabaseService } from '../platform/database/database.service';
import { RealtimeService } from '../platform/realtime/realtime.service';
import { InvalidPayloadException } from '../platform/realtime/ws-exceptions';
import type { SocketSession } from '../platform/realtime/socket-session';
import { StatsWriter } from '../stats/stats.writer';
import type { HistoryBeforeDto } from './dto/history-before.dto';
import type { MessageSendDto } from './dto/message-send.dto';
import type { MessageEntity } from './message.entity';
import { toMessage } from './message.mapper';
import { MessagesService } from './messages.service';
import { RateLimitService } from './rate-limit.service';

/**
 * Messages written in one transaction at most: a message and its job bind 20 parameters, well
 * under SQLite's and PostgreSQL's limits at this size.
 */
const MAX_GROUP = 200;

/** A send waiting for its group's commit. */
interface QueuedSend {
  entity: MessageEntity;
  variant: Variant;
  resolve: (message: Message) => void;
  reject: (error: unknown) => void;
}

@Injectable()
export class ChatService {
  private readonly historyLimit: number;
  /** Last timestamp handed out: message times strictly increase within a process. */
  private lastCreatedAt = 0;
  /** Sends waiting to be written, and whether a group is being written now. */
  private queued: QueuedSend[] = [];
  private writing = false;

  constructor(
    private readonly messages: MessagesService,
    private readonly db: DatabaseService,
    private readonly rateLimit: RateLimitService,
    private readonly realtime: RealtimeService,
    private readonly jobs: InferenceJobsService,
    private readonly queue: InferenceQueue,
    private readonly stats: StatsWriter,
    config: ConfigService<AppConfig, true>,
  ) {
    this.historyLimit = config.getOrThrow('MESSAGE_HISTORY_LIMIT');
  }

  /**
   * Stores a message with its inference job (one transaction, shared with the sends that arrive
   * alongside: group commit), broadcasts it as `neutral` / `pending` once committed, and wakes
   * the worker. A repeated clientMessageId returns the stored message and neither spends budget
   * nor broadcasts again.
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
      return await this.store(entity, session.variant);
    } catch (error) {
      // Two sends with one clientMessageId raced; the other one stored it first.
      const winner = error instanceof QueryFailedError && (await this.findByClientId(session.userId, dto.clientMessageId));
      if (winner) return winner;
      throw error;
    }
  }

  /** The last MESSAGE_HISTORY_LIMIT messages, oldest first, with their current moods. */
  async history(): Promise<Message[]> {
    if (this.historyLimit === 0) return [];
    const latest = await this.messages.latest(this.historyLimit);
    return latest.reverse().map(toMessage);
  }

  /**
   * A page of messages older than `beforeId` by (createdAt, id), oldest first, with their current
   * moods; `hasMore` says whether anything older is left. The cursor is a stored message, so
   * pages never skip or repeat one, however many are sent meanwhile.
   */
  async historyBefore(dto: HistoryBeforeDto): Promise<{ messages: Message[]; hasMore: boolean }> {
    const cursor = await this.messages.findById(dto.beforeId);
    if (!cursor) throw new InvalidPayloadException(['beforeId does not name a message']);
    const limit = dto.limit ?? DEFAULT_HISTORY_PAGE_SIZE;
    const older = await this.messages.olderThan(cursor, limit + 1);
    return { messages: older.slice(0, limit).reverse().map(toMessage), hasMore: older.length > limit };
  }

  /**
   * Resolves, with the message as broadcast, once the message, its job and its totals are
   * committed. Sends that arrive in the same event-loop turn, or while a group is being written,
   * go in the next group: one transaction and one INSERT each for messages and jobs, one
   * increment per distinct total, one write to each client for the group's `message:new`s.
   */
  private store(entity: MessageEntity, variant: Variant): Promise<Message> {
    return new Promise((resolve, reject) => {
      this.queued.push({ entity, variant, resolve, reject });
      if (this.queued.length === 1 && !this.writing) setImmediate(() => void this.writeQueued());
    });
  }

  private async writeQueued(): Promise<void> {
    this.writing = true;
    try {
      while (this.queued.length > 0) await this.writeGroup(this.queued.splice(0, MAX_GROUP));
    } finally {
      this.writing = false;
    }
  }

  private async writeGroup(group: QueuedSend[]): Promise<void> {
    try {
      await this.db.transaction((manager) => this.write(manager, group));
    } catch (error) {
      if (group.length === 1) return group[0].reject(error);
      // One send can spoil a group (a clientMessageId that raced): each alone, so only it fails.
      for (const send of group) {
        await this.db.transaction((manager) => this.write(manager, [send])).then(() => this.committed([send]), send.reject);
      }
      return;
    }
    this.committed(group);
  }

  /** The group is durable: every client hears of its messages, the worker of their jobs, each sender of its own. */
  private committed(group: QueuedSend[]): void {
    const messages = group.map((send) => toMessage(send.entity));
    this.realtime.toAllTogether(messages.map((message) => [ServerEvent.MessageNew, message]));
    this.queue.notify(group.length);
    group.forEach((send, i) => send.resolve(messages[i]));
  }

  private async write(manager: EntityManager, group: QueuedSend[]): Promise<void> {
    const entities = group.map((send) => send.entity);
    await this.messages.insert(manager, entities);
    await this.jobs.enqueue(manager, entities);
    await this.stats.messagesStored(
      manager,
      group.map(({ entity, variant }) => ({ userId: entity.userId, variant, at: entity.createdAt })),
    );
  }

  private async findByClientId(userId: string, clientMessageId: string | undefined): Promise<Message | null> {
    if (!clientMessageId) return null;
    const found = await this.messages.findByClientId(userId, clientMessageId);
    return found ? toMessage(found) : null;
  }

  private nextTimestamp(): Date {
    this.lastCreatedAt = Math.max(Date.now(), this.lastCreatedAt + 1);
    return new Date(this.lastCreatedAt);
  }
}
