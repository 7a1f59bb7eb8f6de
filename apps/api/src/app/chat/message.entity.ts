import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Mood, MoodStatus } from '@moodlobby/shared';

@Entity({ name: 'messages' })
@Index('idx_messages_created_at', ['createdAt', 'id'])
@Index('idx_messages_user_created', ['userId', 'createdAt'])
@Index('uq_messages_user_client_id', ['userId', 'clientMessageId'], { unique: true })
export class MessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  /** The nickname the message was sent under. */
  @Column({ type: 'varchar', length: 64 })
  nickname!: string;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'varchar', length: 16, default: 'neutral' })
  mood!: Mood;

  @Column({ name: 'mood_status', type: 'varchar', length: 16, default: 'pending' })
  moodStatus!: MoodStatus;

  @Column({ type: 'real', nullable: true })
  confidence!: number | null;

  @Column({ name: 'client_message_id', type: 'varchar', length: 64, nullable: true })
  clientMessageId!: string | null;

  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;
}
