import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Variant } from '@moodlobby/shared';

/**
 * The running totals kept on each `users` row: the stats module's own columns, written only by
 * StatsWriter. The table is lobby's (its `User` entity describes all of it, so this mapping is
 * left out of schema sync); the user's arm and first-seen time are mapped here read-only because
 * the readout groups and cuts by them.
 */
@Entity({ name: 'users', synchronize: false })
export class UserTotals {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 16, insert: false, update: false })
  variant!: Variant;

  @Column({ name: 'created_at', type: Date, insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'message_count', type: 'integer', default: 0 })
  messageCount!: number;

  @Column({ name: 'visit_count', type: 'integer', default: 0 })
  visitCount!: number;

  /** First UTC day with activity, `YYYY-MM-DD`. */
  @Column({ name: 'cohort_day', type: 'varchar', length: 10, nullable: true })
  cohortDay!: string | null;

  /** Active on cohort day + 1 / + 7 (0 or 1). */
  @Column({ type: 'integer', default: 0 })
  d1!: number;

  @Column({ type: 'integer', default: 0 })
  d7!: number;

  /** Bit n (1 … 14) set when active on cohort day + n: the retention curve. */
  @Column({ name: 'retained_days', type: 'integer', default: 0 })
  retainedDays!: number;
}
