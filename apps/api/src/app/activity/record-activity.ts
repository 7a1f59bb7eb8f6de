import type { EntityManager } from 'typeorm';
import { ActivityDay } from './activity-day.entity';

export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Marks the user active on the UTC day of `at` (idempotent), inside the caller's transaction. */
export async function recordActivity(manager: EntityManager, userId: string, at: Date): Promise<void> {
  await manager.createQueryBuilder().insert().into(ActivityDay).values({ userId, day: utcDay(at) }).orIgnore().execute();
}
