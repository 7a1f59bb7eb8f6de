import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Mood } from '@moodlobby/shared';

/** Messages per UTC day (of the message) and mood: `neutral` when stored, moved when the mood is known. */
@Entity({ name: 'daily_mood_counts' })
export class DailyMoodCount {
  /** `YYYY-MM-DD`, UTC. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day!: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  mood!: Mood;

  @Column({ type: 'integer', default: 0 })
  n!: number;
}
