import { DataSource } from 'typeorm';
import { ActivityDay } from '../app/activity/activity-day.entity';
import { utcDay } from '../app/activity/record-activity';
import { MessageEntity } from '../app/chat/message.entity';
import { InferenceJob } from '../app/inference/inference-job.entity';
import { User } from '../app/lobby/user.entity';
import { Visit } from '../app/lobby/visit.entity';
import { SeedData } from './seed-data';

const CHUNK = 200;

/** The tables the seed writes, children first (the order to empty them in). */
const TABLES = ['activity_days', 'inference_jobs', 'messages', 'visits', 'users'];

export async function isEmpty(dataSource: DataSource): Promise<boolean> {
  return (await dataSource.getRepository(User).count()) === 0;
}

/** Writes the dataset in one transaction, with the activity days its visits and messages imply. */
export async function writeSeed(dataSource: DataSource, data: SeedData, options: { reset?: boolean } = {}): Promise<void> {
  await dataSource.transaction(async (manager) => {
    if (options.reset) {
      for (const table of TABLES) await manager.query(`DELETE FROM ${table}`);
    }
    const activity = new Map<string, ActivityDay>();
    for (const { userId, at } of [
      ...data.visits.map((v) => ({ userId: v.userId, at: v.startedAt })),
      ...data.messages.map((m) => ({ userId: m.userId, at: m.createdAt })),
    ]) {
      const day = utcDay(at);
      activity.set(`${userId}/${day}`, { userId, day });
    }
    const insert = async <T extends object>(entity: new () => T, rows: T[]) => {
      for (let i = 0; i < rows.length; i += CHUNK) await manager.insert(entity, rows.slice(i, i + CHUNK) as never);
    };
    await insert(User, data.users);
    await insert(Visit, data.visits);
    await insert(MessageEntity, data.messages);
    await insert(InferenceJob, data.jobs);
    await insert(ActivityDay, [...activity.values()]);
  });
}
