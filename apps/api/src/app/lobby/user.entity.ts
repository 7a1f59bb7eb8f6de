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
}
