import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One per successful `session:start` on a socket; ended when the socket goes away. */
@Entity({ name: 'visits' })
@Index('idx_visits_user_started', ['userId', 'startedAt'])
@Index('idx_visits_started_at', ['startedAt'])
export class Visit {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;

  @Column({ name: 'started_at', type: Date })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: Date, nullable: true })
  endedAt!: Date | null;
}
