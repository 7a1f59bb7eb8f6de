import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A histogram of DONE jobs' latency per UTC day the job finished: how many took `latencyMs`. */
@Entity({ name: 'daily_job_latencies' })
export class DailyJobLatency {
  /** `YYYY-MM-DD`, UTC. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day!: string;

  @PrimaryColumn({ name: 'latency_ms', type: 'integer' })
  latencyMs!: number;

  @Column({ type: 'integer', default: 0 })
  n!: number;
}
