import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Variant } from '@moodlobby/shared';

/** PostgreSQL hands a `bigint` back as text; it holds milliseconds well inside a double. */
const bigintAsNumber = { to: (value: number) => value, from: (value: string | number | null) => (value === null ? null : Number(value)) };

/** Per UTC day and arm: users first seen, messages, visits started, visits ended and their length. */
@Entity({ name: 'daily_arm_stats' })
export class DailyArmStat {
  /** `YYYY-MM-DD`, UTC. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  variant!: Variant;

  @Column({ name: 'new_users', type: 'integer', default: 0 })
  newUsers!: number;

  @Column({ type: 'integer', default: 0 })
  messages!: number;

  /** Visits started that day. */
  @Column({ type: 'integer', default: 0 })
  visits!: number;

  /** Visits ended that day, and their summed length in ms. */
  @Column({ name: 'visits_ended', type: 'integer', default: 0 })
  visitsEnded!: number;

  @Column({ name: 'visit_ms', type: 'bigint', default: 0, transformer: bigintAsNumber })
  visitMs!: number;
}
