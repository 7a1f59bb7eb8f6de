import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per user per UTC day on which they were active (started a visit or sent a message).
 * Written with the visit or message that caused it, so retention and daily actives are read
 * from a small table instead of scanning every visit and message.
 */
@Entity({ name: 'activity_days' })
@Index('idx_activity_days_day', ['day'])
@Index('idx_activity_days_day_variant', ['day', 'variant'])
export class ActivityDay {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  /** `YYYY-MM-DD`, UTC. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day!: string;

  /** Messages sent that day. */
  @Column({ type: 'integer', default: 0 })
  messages!: number;

  /** The user's arm, copied here so daily actives per arm need no join. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  variant!: string | null;
}
