import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { addDays, CURVE_DAYS, startOfDay, Variant, VARIANTS } from '@moodlobby/shared';
import { ActivityDay } from './activity-day.entity';
import { DailyArmStat } from './daily-arm-stat.entity';
import { DailyJobLatency } from './daily-job-latency.entity';
import { DailyMoodCount } from './daily-mood-count.entity';
import { UserTotals } from './user-totals.entity';

/** Per arm up to a day: users first seen, messages, visits started, visits ended and their summed ms. */
export interface ArmTotals {
  users: number;
  messages: number;
  visits: number;
  visitsEnded: number;
  visitMs: number;
}

/** Σ messages and Σ messages² over an arm's users (the users who wrote nothing add 0). */
export interface MessageSpread {
  total: number;
  squares: number;
}

/** One arm's users of one cohort day, and how many were active n days later (index n − 1). */
export interface CohortRetention {
  variant: Variant;
  cohortDay: string;
  users: number;
  retained: number[];
}

export interface DailyArmCounts {
  day: string;
  variant: Variant;
  activeUsers: number;
  newUsers: number;
  messages: number;
}

type Raw = Record<string, string | number | null>;
/** Sums come back as text from PostgreSQL (bigint) and as numbers from SQLite; nothing is 0. */
const num = (value: string | number | null | undefined): number => (value === null || value === undefined ? 0 : Number(value));
const byVariant = <T>(rows: Raw[], read: (row: Raw) => T): Map<Variant, T> =>
  new Map(rows.filter((row) => VARIANTS.includes(row['variant'] as Variant)).map((row) => [row['variant'] as Variant, read(row)]));

/**
 * The running totals as the experiment readout reads them, each as of the end of a UTC day
 * (`asOf`): only what was written by then counts, so a past asOf gives a past readout.
 */
@Injectable()
export class StatsReader {
  constructor(
    @InjectRepository(DailyArmStat) private readonly arms: Repository<DailyArmStat>,
    @InjectRepository(ActivityDay) private readonly activity: Repository<ActivityDay>,
    @InjectRepository(UserTotals) private readonly users: Repository<UserTotals>,
    @InjectRepository(DailyJobLatency) private readonly latencies: Repository<DailyJobLatency>,
    @InjectRepository(DailyMoodCount) private readonly moodCounts: Repository<DailyMoodCount>,
  ) {}

  /** Users, messages and visits per arm up to asOf, from the per-day totals. */
  async armTotals(asOf: string): Promise<Map<Variant, ArmTotals>> {
    const rows = await this.arms
      .createQueryBuilder('s')
      .select('s.variant', 'variant')
      .addSelect('SUM(s.newUsers)', 'users')
      .addSelect('SUM(s.messages)', 'messages')
      .addSelect('SUM(s.visits)', 'visits')
      .addSelect('SUM(s.visitsEnded)', 'visits_ended')
      .addSelect('SUM(s.visitMs)', 'visit_ms')
      .where('s.day <= :asOf', { asOf })
      .groupBy('s.variant')
      .getRawMany<Raw>();
    return byVariant(rows, (row) => ({
      users: num(row['users']),
      messages: num(row['messages']),
      visits: num(row['visits']),
      visitsEnded: num(row['visits_ended']),
      visitMs: num(row['visit_ms']),
    }));
  }

  /**
   * Σ messages and Σ messages² over each arm's users, for Welch's test: each user's messages up
   * to the end of asOf (the users who wrote nothing add 0). When no activity is dated after asOf
   * (a readout of today, the usual case), each user's running count is exactly that, so the
   * users table (a row per user) is read instead of summing every active day per user.
   */
  async messageSpread(asOf: string): Promise<Map<Variant, MessageSpread>> {
    const later = await this.activity.createQueryBuilder('a').select('1', 'found').where('a.day > :asOf', { asOf }).limit(1).getRawOne<Raw>();
    const query = later
      ? this.activity.manager
          .createQueryBuilder()
          .select('per_user.variant', 'variant')
          .addSelect('SUM(per_user.n)', 'total')
          .addSelect('SUM(per_user.n * per_user.n)', 'squares')
          .from(
            (days) =>
              days
                .select('a.userId', 'user_id')
                .addSelect('MIN(a.variant)', 'variant')
                .addSelect('SUM(a.messages)', 'n')
                .from(ActivityDay, 'a')
                .where('a.day <= :asOf', { asOf })
                .groupBy('a.userId'),
            'per_user',
          )
          .groupBy('per_user.variant')
      : this.users
          .createQueryBuilder('u')
          .select('u.variant', 'variant')
          .addSelect('SUM(u.messageCount)', 'total')
          .addSelect('SUM(u.messageCount * u.messageCount)', 'squares')
          .where('u.messageCount > 0')
          .groupBy('u.variant');
    return byVariant(await query.getRawMany<Raw>(), (row) => ({ total: num(row['total']), squares: num(row['squares']) }));
  }

  /**
   * Per arm and cohort day, of the users first seen by the end of asOf: how many, and how many
   * were active on cohort day + n for n = 1 … CURVE_DAYS (`retained[n - 1]`). Whether a cohort
   * is eligible for Day-n at asOf is the caller's to decide (cohort day < asOf − n); a user
   * counted as retained on an eligible day was active before asOf's end.
   */
  async cohortRetention(asOf: string): Promise<CohortRetention[]> {
    const query = this.users
      .createQueryBuilder('u')
      .select('u.variant', 'variant')
      .addSelect('u.cohortDay', 'cohort_day')
      .addSelect('COUNT(*)', 'users');
    for (let n = 1; n <= CURVE_DAYS; n++) query.addSelect(`SUM(CASE WHEN (u.retainedDays & ${2 ** n}) <> 0 THEN 1 ELSE 0 END)`, `r${n}`);
    const rows = await query
      .where('u.cohortDay IS NOT NULL AND u.cohortDay <= :asOf AND u.createdAt < :cutoff', { asOf, cutoff: startOfDay(addDays(asOf, 1)) })
      .groupBy('u.variant')
      .addGroupBy('u.cohortDay')
      .orderBy('u.cohortDay')
      .addOrderBy('u.variant')
      .getRawMany<Raw>();
    return rows
      .filter((row) => VARIANTS.includes(row['variant'] as Variant))
      .map((row) => ({
        variant: row['variant'] as Variant,
        cohortDay: String(row['cohort_day']),
        users: num(row['users']),
        retained: Array.from({ length: CURVE_DAYS }, (_, i) => num(row[`r${i + 1}`])),
      }));
  }

  /** DONE jobs finished by the end of asOf, as a histogram sorted by latency: how many took each `latencyMs`. */
  async jobLatencies(asOf: string): Promise<{ latencyMs: number; n: number }[]> {
    const rows = await this.latencies
      .createQueryBuilder('l')
      .select('l.latencyMs', 'latency_ms')
      .addSelect('SUM(l.n)', 'n')
      .where('l.day <= :asOf', { asOf })
      .groupBy('l.latencyMs')
      .having('SUM(l.n) > 0')
      .orderBy('l.latencyMs')
      .getRawMany<Raw>();
    return rows.map((row) => ({ latencyMs: num(row['latency_ms']), n: num(row['n']) }));
  }

  /** These users' messages and active days up to the end of asOf (users with none are left out). */
  async activityOf(userIds: string[], asOf: string): Promise<Map<string, { messages: number; activeDays: number }>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.activity
      .createQueryBuilder('a')
      .select('a.userId', 'user_id')
      .addSelect('SUM(a.messages)', 'messages')
      .addSelect('COUNT(*)', 'days')
      .where({ userId: In(userIds) })
      .andWhere('a.day <= :asOf', { asOf })
      .groupBy('a.userId')
      .getRawMany<Raw>();
    return new Map(rows.map((row) => [String(row['user_id']), { messages: num(row['messages']), activeDays: num(row['days']) }]));
  }

  /** Messages up to asOf by mood. */
  async moods(asOf: string): Promise<Map<string, number>> {
    const rows = await this.moodCounts
      .createQueryBuilder('m')
      .select('m.mood', 'mood')
      .addSelect('SUM(m.n)', 'n')
      .where('m.day <= :asOf', { asOf })
      .groupBy('m.mood')
      .getRawMany<Raw>();
    return new Map(rows.map((row) => [String(row['mood']), num(row['n'])]));
  }

  /** Per UTC day in [from, to] and arm: active users, new users, messages; days and arms with none are left out. */
  async daily(from: string, to: string): Promise<DailyArmCounts[]> {
    const [active, totals] = await Promise.all([
      this.activity
        .createQueryBuilder('a')
        .select('a.day', 'day')
        .addSelect('a.variant', 'variant')
        .addSelect('COUNT(*)', 'active')
        .where('a.day >= :from AND a.day <= :to', { from, to })
        .groupBy('a.day')
        .addGroupBy('a.variant')
        .getRawMany<Raw>(),
      this.arms
        .createQueryBuilder('s')
        .select('s.day', 'day')
        .addSelect('s.variant', 'variant')
        .addSelect('s.newUsers', 'fresh')
        .addSelect('s.messages', 'messages')
        .where('s.day >= :from AND s.day <= :to', { from, to })
        .getRawMany<Raw>(),
    ]);
    const points = new Map<string, DailyArmCounts>();
    const point = (row: Raw) => {
      const key = `${row['day']}|${row['variant']}`;
      const found = points.get(key) ?? { day: String(row['day']), variant: row['variant'] as Variant, activeUsers: 0, newUsers: 0, messages: 0 };
      points.set(key, found);
      return found;
    };
    for (const row of active) point(row).activeUsers = num(row['active']);
    for (const row of totals) Object.assign(point(row), { newUsers: num(row['fresh']), messages: num(row['messages']) });
    return [...points.values()];
  }
}
