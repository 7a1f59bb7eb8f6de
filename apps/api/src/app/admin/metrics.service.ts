import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { addDays, MOODS, startOfDay, utcDay, Variant, VARIANTS } from '@moodlobby/shared';
import type { AppConfig } from '../platform/config/env.validation';
import { DatabaseService } from '../platform/database/database.service';
import { sqlDate } from '../platform/database/sql-dates';
import { SqlParams } from '../platform/database/sql-dialect';
import { DailyPointDto, DailyResponseDto } from './dto/daily.response';
import { ArmSummaryDto, JobCountsDto, RetentionDto, SummaryResponseDto } from './dto/summary.response';
import { compareProportions, sampleFromSums, sampleRatioMismatch, welch } from './statistics';

const SRM_ALPHA = 0.001;

type Num = number | string | null;
const num = (value: Num | undefined): number => (value === null || value === undefined ? 0 : Number(value));

/**
 * The experiment readout, aggregated in SQL (SPEC section 10). Only what existed by the end of
 * the asOf day (UTC) counts, so a past asOf gives a past readout.
 */
@Injectable()
export class MetricsService {
  private readonly treatmentShare: number;

  constructor(
    private readonly db: DatabaseService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.treatmentShare = config.getOrThrow('TREATMENT_SHARE');
  }

  async summary(asOf = utcDay()): Promise<SummaryResponseDto> {
    const cutoff = startOfDay(addDays(asOf, 1));
    const [arms, spread, retention, jobs, moods] = await Promise.all([
      this.armTotals(asOf),
      this.messageSpread(asOf, cutoff),
      this.retentionByArm(asOf, cutoff),
      this.inferenceHealth(asOf, cutoff),
      this.messagesByMood(asOf),
    ]);

    const arm = (variant: Variant): ArmSummaryDto => {
      const a = arms.get(variant);
      const r = retention.get(variant);
      const users = num(a?.users);
      const messages = num(a?.messages);
      const ended = num(a?.visits_ended);
      return {
        users,
        messages,
        messagesPerUser: users > 0 ? messages / users : null,
        visits: num(a?.visits),
        meanVisitLengthMs: ended > 0 ? num(a?.visit_ms) / ended : null,
        d1: retentionOf(num(r?.d1_eligible), num(r?.d1_retained)),
        d7: retentionOf(num(r?.d7_eligible), num(r?.d7_retained)),
      };
    };
    const control = arm(Variant.Control);
    const treatment = arm(Variant.Treatment);
    // Each arm's users with their message counts, zeros included: n from the arm, sums from the users who wrote.
    const sample = (variant: Variant, users: number) => sampleFromSums(users, num(spread.get(variant)?.total), num(spread.get(variant)?.squares));
    const srm = sampleRatioMismatch(treatment.users, control.users, this.treatmentShare);
    const totalUsers = treatment.users + control.users;

    return {
      asOf,
      totals: { users: totalUsers, messages: treatment.messages + control.messages, visits: treatment.visits + control.visits },
      arms: { CONTROL: control, TREATMENT: treatment },
      comparison: {
        d1: compareProportions(treatment.d1.retained, treatment.d1.eligible, control.d1.retained, control.d1.eligible),
        d7: compareProportions(treatment.d7.retained, treatment.d7.eligible, control.d7.retained, control.d7.eligible),
        messagesPerUser: welch(sample(Variant.Treatment, treatment.users), sample(Variant.Control, control.users)),
      },
      srm: {
        expectedTreatmentShare: this.treatmentShare,
        observedTreatmentShare: totalUsers > 0 ? treatment.users / totalUsers : null,
        ...srm,
        flagged: srm.pValue !== null && srm.pValue < SRM_ALPHA,
      },
      inference: jobs,
      moods: Object.fromEntries(MOODS.map((mood) => [mood, num(moods.get(mood))])),
    };
  }

  /** Per UTC day and arm in [from, to]: active users, new users, messages; every day listed. */
  async daily(from: string, to: string): Promise<DailyResponseDto> {
    type Row = { day: string; variant: Variant; active: Num; fresh: Num; messages: Num };
    const active = new SqlParams(this.db.dialect);
    const totals = new SqlParams(this.db.dialect);
    const [activeRows, totalRows] = await Promise.all([
      this.db.query<Row>(
        `SELECT day, variant, COUNT(*) AS active FROM activity_days
          WHERE day >= ${active.add(from)} AND day <= ${active.add(to)}
          GROUP BY day, variant`,
        active.values,
      ),
      this.db.query<Row>(
        `SELECT day, variant, new_users AS fresh, messages FROM daily_arm_stats
          WHERE day >= ${totals.add(from)} AND day <= ${totals.add(to)}`,
        totals.values,
      ),
    ]);

    const days = new Map<string, DailyPointDto>();
    for (let day = from; day <= to; day = addDays(day, 1)) {
      days.set(day, {
        day,
        arms: {
          CONTROL: { activeUsers: 0, newUsers: 0, messages: 0 },
          TREATMENT: { activeUsers: 0, newUsers: 0, messages: 0 },
        },
      });
    }
    const at = (row: Row) => (VARIANTS.includes(row.variant) ? days.get(row.day)?.arms[row.variant] : undefined);
    for (const row of activeRows) {
      const point = at(row);
      if (point) point.activeUsers = num(row.active);
    }
    for (const row of totalRows) {
      const point = at(row);
      if (point) Object.assign(point, { newUsers: num(row.fresh), messages: num(row.messages) });
    }
    return { from, to, days: [...days.values()] };
  }

  /** Users, messages and visits per arm up to asOf, from the per-day totals. */
  private async armTotals(asOf: string) {
    const p = new SqlParams(this.db.dialect);
    const rows = await this.db.query<{ variant: Variant; users: Num; messages: Num; visits: Num; visits_ended: Num; visit_ms: Num }>(
      `SELECT variant, SUM(new_users) AS users, SUM(messages) AS messages, SUM(visits) AS visits,
              SUM(visits_ended) AS visits_ended, SUM(visit_ms) AS visit_ms
         FROM daily_arm_stats WHERE day <= ${p.add(asOf)}
        GROUP BY variant`,
      p.values,
    );
    return byVariant(rows);
  }

  /**
   * Σ messages and Σ messages² over each arm's users, for Welch's test. Up to today every message
   * counts, so each user's running count serves; for a past day, the counts of the days up to it.
   */
  private async messageSpread(asOf: string, cutoff: Date) {
    const p = new SqlParams(this.db.dialect);
    const everything = cutoff.getTime() > Date.now();
    const rows = await this.db.query<{ variant: Variant; total: Num; squares: Num }>(
      everything
        ? `SELECT variant, SUM(message_count) AS total, SUM(message_count * message_count) AS squares FROM users GROUP BY variant`
        : `SELECT variant, SUM(n) AS total, SUM(n * n) AS squares FROM (
             SELECT user_id, MIN(variant) AS variant, SUM(messages) AS n FROM activity_days
              WHERE day <= ${p.add(asOf)} GROUP BY user_id) per_user
            GROUP BY variant`,
      p.values,
    );
    return byVariant(rows);
  }

  /**
   * D1/D7 by the SPEC's definition, from each user's cohort day and flags: eligible when cohort
   * day + N is before asOf, i.e. cohort day < asOf − N; retained when active on cohort day + N.
   */
  private async retentionByArm(asOf: string, cutoff: Date) {
    const p = new SqlParams(this.db.dialect);
    const before = (n: number) => p.add(addDays(asOf, -n));
    const [d1Eligible, d1Retained, d7Eligible, d7Retained] = [before(1), before(1), before(7), before(7)];
    const rows = await this.db.query<{ variant: Variant; d1_eligible: Num; d1_retained: Num; d7_eligible: Num; d7_retained: Num }>(
      `SELECT variant,
              SUM(CASE WHEN cohort_day < ${d1Eligible} THEN 1 ELSE 0 END) AS d1_eligible,
              SUM(CASE WHEN cohort_day < ${d1Retained} THEN d1 ELSE 0 END) AS d1_retained,
              SUM(CASE WHEN cohort_day < ${d7Eligible} THEN 1 ELSE 0 END) AS d7_eligible,
              SUM(CASE WHEN cohort_day < ${d7Retained} THEN d7 ELSE 0 END) AS d7_retained
         FROM users
        WHERE cohort_day IS NOT NULL AND created_at < ${p.add(sqlDate(cutoff, this.db.isSqlite))}
        GROUP BY variant`,
      p.values,
    );
    return byVariant(rows);
  }

  /**
   * Jobs by status (of those created up to asOf) with the latency of the DONE ones. Unfinished and
   * failed jobs are few and counted through the (status, created_at) index; DONE jobs come from the
   * per-day latency histogram, which also gives the mean and the p95 by nearest rank.
   */
  private async inferenceHealth(asOf: string, cutoff: Date): Promise<SummaryResponseDto['inference']> {
    const open = new SqlParams(this.db.dialect);
    const counted = await this.db.query<{ status: keyof JobCountsDto; n: Num }>(
      `SELECT status, COUNT(*) AS n FROM inference_jobs
        WHERE status IN ('PENDING', 'PROCESSING', 'FAILED') AND created_at < ${open.add(sqlDate(cutoff, this.db.isSqlite))}
        GROUP BY status`,
      open.values,
    );
    const h = new SqlParams(this.db.dialect);
    const histogram = await this.db.query<{ latency_ms: Num; n: Num }>(
      `SELECT latency_ms, SUM(n) AS n FROM daily_job_latencies WHERE day <= ${h.add(asOf)}
        GROUP BY latency_ms HAVING SUM(n) > 0 ORDER BY latency_ms`,
      h.values,
    );
    const jobs: JobCountsDto = { PENDING: 0, PROCESSING: 0, DONE: 0, FAILED: 0 };
    for (const row of counted) if (row.status in jobs) jobs[row.status] = num(row.n);
    let total = 0;
    for (const row of histogram) {
      jobs.DONE += num(row.n);
      total += num(row.latency_ms) * num(row.n);
    }
    return { jobs, latencyMs: { mean: jobs.DONE > 0 ? total / jobs.DONE : null, p95: nearestRank(histogram, 0.95, jobs.DONE) } };
  }

  private async messagesByMood(asOf: string): Promise<Map<string, Num>> {
    const p = new SqlParams(this.db.dialect);
    const rows = await this.db.query<{ mood: string; n: Num }>(
      `SELECT mood, SUM(n) AS n FROM daily_mood_counts WHERE day <= ${p.add(asOf)} GROUP BY mood`,
      p.values,
    );
    return new Map(rows.map((row) => [row.mood, row.n]));
  }
}

/** The value at rank ⌈p·count⌉ of a sorted histogram of (value, how many). */
function nearestRank(histogram: { latency_ms: Num; n: Num }[], p: number, count: number): number | null {
  if (count === 0) return null;
  const rank = Math.ceil(p * count);
  let seen = 0;
  for (const row of histogram) {
    seen += num(row.n);
    if (seen >= rank) return num(row.latency_ms);
  }
  return null;
}

function retentionOf(eligible: number, retained: number): RetentionDto {
  return { eligible, retained, rate: eligible > 0 ? retained / eligible : null };
}

function byVariant<T extends { variant: Variant }>(rows: T[]): Map<Variant, T> {
  return new Map(rows.map((row) => [row.variant, row]));
}
