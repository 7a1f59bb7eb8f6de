import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { utcDay, type Mood, type Variant } from '@moodlobby/shared';
import { ActivityDay } from './activity-day.entity';
import { DailyArmStat } from './daily-arm-stat.entity';
import { DailyJobLatency } from './daily-job-latency.entity';
import { DailyMoodCount } from './daily-mood-count.entity';
import { addTo, addToEach, markUserActive } from './stats.queries';

/**
 * The one writer of the running totals behind the experiment readout. Lobby, chat and inference
 * call it with their own transaction's manager, so a total changes in the same commit as the
 * write it counts (rebuildStats in stats.queries.ts recomputes them from the rows, with the same
 * meaning):
 *
 * - `users` (UserTotals): message_count, visit_count, cohort_day (first active day), d1/d7
 *   (active on cohort day + 1 / + 7), retained_days (bit n: active on cohort day + n, n ≤ 14);
 * - `activity_days`: one row per user per active UTC day, with that day's message count and the arm;
 * - `daily_arm_stats` (day, arm): new users, messages, visits started, visits ended and their ms;
 * - `daily_mood_counts` (day of the message, mood);
 * - `daily_job_latencies` (day the job finished, latency ms): DONE jobs.
 */
@Injectable()
export class StatsWriter {
  async userCreated(manager: EntityManager, variant: Variant, at: Date): Promise<void> {
    await addTo(manager, DailyArmStat, { day: utcDay(at), variant }, { newUsers: 1 });
  }

  async visitStarted(manager: EntityManager, userId: string, variant: Variant, at: Date): Promise<void> {
    await this.markActive(manager, userId, variant, utcDay(at), { messages: 0, visits: 1 });
    await addTo(manager, DailyArmStat, { day: utcDay(at), variant }, { visits: 1 });
  }

  /** Counted on the day the visit ended (only ended visits have a length). */
  async visitEnded(manager: EntityManager, variant: Variant, startedAt: Date, endedAt: Date): Promise<void> {
    const ms = Math.max(0, endedAt.getTime() - startedAt.getTime());
    await addTo(manager, DailyArmStat, { day: utcDay(endedAt), variant }, { visitsEnded: 1, visitMs: ms });
  }

  /**
   * Stored messages (one transaction's group): each makes its user active that day, and adds one
   * message for the user and the arm and one `neutral`. Counted per (user, day), (day, arm) and
   * day, in day order, so a group costs a statement per distinct key, not per message.
   */
  async messagesStored(manager: EntityManager, stored: { userId: string; variant: Variant; at: Date }[]): Promise<void> {
    const perUserDay = new Map<string, { userId: string; variant: Variant; day: string; n: number }>();
    const perArmDay = new Map<string, { day: string; variant: Variant; n: number }>();
    const perDay = new Map<string, number>();
    for (const { userId, variant, at } of [...stored].sort((a, b) => a.at.getTime() - b.at.getTime())) {
      const day = utcDay(at);
      countInto(perUserDay, `${userId}|${day}`, () => ({ userId, variant, day, n: 0 }));
      countInto(perArmDay, `${day}|${variant}`, () => ({ day, variant, n: 0 }));
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
    }
    for (const { userId, variant, day, n } of perUserDay.values()) await this.markActive(manager, userId, variant, day, { messages: n, visits: 0 });
    for (const { day, variant, n } of perArmDay.values()) await addTo(manager, DailyArmStat, { day, variant }, { messages: n });
    for (const [day, n] of perDay) await addTo(manager, DailyMoodCount, { day, mood: 'neutral' }, { n });
  }

  /**
   * Jobs finished DONE at `finishedAt` (a batch's): each message's mood moves from `neutral` to
   * its mood on the message's day (the job was created with its message, so they share a day),
   * and each latency is counted on the day the jobs finished, so a readout counts a job only once
   * it was done. Counted per (day, mood) and per latency: two statements, whatever the batch's size.
   */
  async jobsDone(manager: EntityManager, finishedAt: Date, jobs: { messageCreatedAt: Date; mood: Mood; latencyMs: number }[]): Promise<void> {
    const moved = new Map<string, { day: string; mood: Mood; n: number }>();
    const latencies = new Map<number, { latencyMs: number; n: number }>();
    for (const { messageCreatedAt, mood, latencyMs } of jobs) {
      if (mood !== 'neutral') {
        const day = utcDay(messageCreatedAt);
        countInto(moved, `${day}|${mood}`, () => ({ day, mood, n: 0 }));
      }
      countInto(latencies, latencyMs, () => ({ latencyMs, n: 0 }));
    }
    const outOfNeutral = new Map<string, number>();
    for (const { day, n } of moved.values()) outOfNeutral.set(day, (outOfNeutral.get(day) ?? 0) + n);
    await addToEach(manager, DailyMoodCount, [
      ...[...outOfNeutral].map(([day, n]) => ({ keys: { day, mood: 'neutral' as Mood }, amounts: { n: -n } })),
      ...[...moved.values()].map(({ day, mood, n }) => ({ keys: { day, mood }, amounts: { n } })),
    ]);
    const day = utcDay(finishedAt);
    await addToEach(
      manager,
      DailyJobLatency,
      [...latencies.values()].map(({ latencyMs, n }) => ({ keys: { day, latencyMs }, amounts: { n } })),
    );
  }

  /** The user was active on `day`: their activity row, their counts, their cohort and D1/D7 flags. */
  private async markActive(manager: EntityManager, userId: string, variant: Variant, day: string, counts: { messages: number; visits: number }): Promise<void> {
    await addTo(manager, ActivityDay, { userId, day }, { messages: counts.messages }, { variant });
    await markUserActive(manager, userId, day, counts);
  }
}

/** One more for `key`'s entry, made by `make` the first time. */
function countInto<K, T extends { n: number }>(counts: Map<K, T>, key: K, make: () => T): void {
  const entry = counts.get(key) ?? make();
  entry.n += 1;
  counts.set(key, entry);
}
