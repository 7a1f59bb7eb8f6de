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

  // Running totals (stats/stats.writer.ts): kept with each write, read by the admin readout.
  @Column({ name: 'message_count', type: 'integer', default: 0 })
  messageCount?: number;

  @Column({ name: 'visit_count', type: 'integer', default: 0 })
  visitCount?: number;

  /** First UTC day with activity, `YYYY-MM-DD`. */
  @Column({ name: 'cohort_day', type: 'varchar', length: 10, nullable: true })
  cohortDay?: string | null;

  /** Active on cohort day + 1 / + 7 (0 or 1). */
  @Column({ type: 'integer', default: 0 })
  d1?: number;

  @Column({ type: 'integer', default: 0 })
  d7?: number;
}
