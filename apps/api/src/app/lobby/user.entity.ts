import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Variant } from '@moodlobby/shared';

@Entity({ name: 'users' })
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** The nickname of the user's latest session. */
  @Column({ type: 'varchar', length: 64 })
  nickname!: string;

  @Index('idx_users_variant')
  @Column({ type: 'varchar', length: 16 })
  variant!: Variant;

  /** First seen. */
  @Index('idx_users_created_at')
  @Column({ name: 'created_at', type: Date })
  createdAt!: Date;

  @Column({ name: 'last_seen_at', type: Date })
  lastSeenAt!: Date;

  // The running totals on each row belong to the stats module, which alone writes them
  // (stats/user-totals.entity.ts maps them for it). Read-only here: the users list shows and
  // sorts by the counts.
  @Index('idx_users_message_count')
  @Column({ name: 'message_count', type: 'integer', default: 0, insert: false, update: false })
  messageCount?: number;

  @Column({ name: 'visit_count', type: 'integer', default: 0, insert: false, update: false })
  visitCount?: number;

  @Column({ name: 'cohort_day', type: 'varchar', length: 10, nullable: true, insert: false, update: false })
  cohortDay?: string | null;

  @Column({ type: 'integer', default: 0, insert: false, update: false })
  d1?: number;

  @Column({ type: 'integer', default: 0, insert: false, update: false })
  d7?: number;

  @Column({ name: 'retained_days', type: 'integer', default: 0, insert: false, update: false })
  retainedDays?: number;
}
