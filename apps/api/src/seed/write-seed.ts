import { DataSource } from 'typeorm';
import { MessageEntity } from '../app/chat/message.entity';
import { InferenceJob } from '../app/inference/inference-job.entity';
import { User } from '../app/lobby/user.entity';
import { Visit } from '../app/lobby/visit.entity';
import { rebuildStats } from '../app/stats/stats.queries';
import { SeedData } from './seed-data';

const CHUNK = 200;

/** The tables the seed writes, children first (the order to empty them in). */
const TABLES = ['daily_job_latencies', 'daily_mood_counts', 'daily_arm_stats', 'activity_days', 'inference_jobs', 'messages', 'visits', 'users'];

export async function isEmpty(dataSource: DataSource): Promise<boolean> {
  return (await dataSource.getRepository(User).count()) === 0;
}

/** Writes the dataset in one transaction, then computes the running totals from it. */
export async function writeSeed(dataSource: DataSource, data: SeedData, options: { reset?: boolean } = {}): Promise<void> {
  await dataSource.transaction(async (manager) => {
    if (options.reset) {
      for (const table of TABLES) await manager.query(`DELETE FROM ${table}`);
    }
    const insert = async <T extends object>(entity: new () => T, rows: T[]) => {
      for (let i = 0; i < rows.length; i += CHUNK) await manager.insert(entity, rows.slice(i, i + CHUNK) as never);
    };
    await insert(User, data.users);
    await insert(Visit, data.visits);
    await insert(MessageEntity, data.messages);
    await insert(InferenceJob, data.jobs);
    await rebuildStats(manager);
  });
}

/** Recomputes the running totals from the rows (after data was changed by hand or in bulk). */
export async function rebuildAllStats(dataSource: DataSource): Promise<void> {
  await dataSource.transaction((manager) => rebuildStats(manager));
}
