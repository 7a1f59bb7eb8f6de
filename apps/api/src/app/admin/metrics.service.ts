import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MOODS, Variant, VARIANTS } from '@moodlobby/shared';
import type { AppConfig } from '../../config/env.validation';
import { utcDay } from '../activity/record-activity';
import { DatabaseService } from '../database/database.service';
import { sqlDate } from '../database/sql-dates';
import { SqlParams } from '../database/sql-dialect';
import { DailyPointDto, DailyResponseDto } from './dto/daily.response';
import { ArmSummaryDto, JobCountsDto, RetentionDto, SummaryResponseDto } from './dto/summary.response';
import { compareProportions, sampleFromSums, sampleRatioMismatch, welch } from './statistics';

const SRM_ALPHA = 0.001;
const DAY_MS = 86_400_000;

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

  async summary(asOf = utcDay(new Date())): Promise<SummaryResponseDto> {
    const cutoff = new Date(Date.parse(`${asOf}T00:00:00Z`) + DAY_MS);
    const [usage, visits, retention, jobs, p95, moods] = await Promise.all([
      this.usageByArm(cutoff),
      this.visitsByArm(cutoff),
      this.retentionByArm(asOf, cutoff),
      this.jobsByStatus(cutoff),
      this.latencyP95(cutoff),
      this.messagesByMood(cutoff),
    ]);

    const arm = (variant: Variant): ArmSummaryDto => {
      const u = usage.get(variant);
      const v = visits.get(variant);
      const r = retention.get(variant);
      const users = num(u?.users);
      const messages = num(u?.messages);
      return {
        users,
        messages,
        messagesPerUser: users > 0 ? messages / users : null,
        visits: num(v?.visits),
        meanVisitLengthMs: v?.mean_ms === null || v?.mean_ms === undefined ? null : Number(v.mean_ms),
        d1: retentionOf(num(r?.d1_eligible), num(r?.d1_retained)),
        d7: retentionOf(num(r?.d7_eligible), num(r?.d7_retained)),
      };
    };
    const control = arm(Variant.Control);
    const treatment = arm(Variant.Treatment);
    const sample = (variant: Variant) => sampleFromSums(num(usage.get(variant)?.users), num(usage.get(variant)?.messages), num(usage.get(variant)?.messages_sq));
    const srm = sampleRatioMismatch(treatment.users, control.users, this.treatmentShare);
    const totalUsers = treatment.users + control.users;

    return {
      asOf,
      totals: { users: totalUsers, messages: treatment.messages + control.messages, visits: treatment.visits + control.visits },
      arms: { CONTROL: control, TREATMENT: treatment },
      comparison: {
        d1: compareProportions(treatment.d1.retained, treatment.d1.eligible, control.d1.retained, control.d1.eligible),
        d7: compareProportions(treatment.d7.retained, treatment.d7.eligible, control.d7.retained, control.d7.eligible),
        messagesPerUser: welch(sample(Variant.Treatment), sample(Variant.Control)),
      },
      srm: {
        expectedTreatmentShare: this.treatmentShare,
        observedTreatmentShare: totalUsers > 0 ? treatment.users / totalUsers : null,
        ...srm,
        flagged: srm.pValue !== null && srm.pValue < SRM_ALPHA,
      },
      inference: { jobs: jobs.counts, latencyMs: { mean: jobs.meanLatency, p95 } },
      moods: Object.fromEntries(MOODS.map((mood) => [mood, num(moods.get(mood))])),
    };
  }

  /** Per UTC day and arm in [from, to]: active users, new users, messages; every day listed. */
  async daily(from: string, to: string): Promise<DailyResponseDto> {
    const { dialect } = this.db;
    const start = new Date(`${from}T00:00:00Z`);
    const end = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS);
    const range = (column: string, p: SqlParams) => `${column} >= ${p.add(sqlDate(start, dialect.sqlite))} AND ${column} < ${p.add(sqlDate(end, dialect.sqlite))}`;

    const activeParams = new SqlParams(dialect);
    const newParams = new SqlParams(dialect);
    const messageParams = new SqlParams(dialect);
    type Row = { day: string; variant: Variant; n: Num };
    const [active, fresh, messages] = await Promise.all([
      this.db.query<Row>(
        `SELECT a.day AS day, u.variant AS variant, COUNT(*) AS n
           FROM activity_days a JOIN users u ON u.id = a.user_id
          WHERE a.day >= ${activeParams.add(from)} AND a.day <= ${activeParams.add(to)}
          GROUP BY a.day, u.variant`,
        activeParams.values,
      ),
      this.db.query<Row>(
        `SELECT ${dialect.day('created_at')} AS day, variant, COUNT(*) AS n
           FROM users WHERE ${range('created_at', newParams)}
          GROUP BY ${dialect.day('created_at')}, variant`,
        newParams.values,
      ),
      this.db.query<Row>(
        `SELECT ${dialect.day('m.created_at')} AS day, u.variant AS variant, COUNT(*) AS n
           FROM messages m JOIN users u ON u.id = m.user_id
          WHERE ${range('m.created_at', messageParams)}
          GROUP BY ${dialect.day('m.created_at')}, u.variant`,
        messageParams.values,
      ),
    ]);

    const days = new Map<string, DailyPointDto>();
    for (let t = start.getTime(); t < end.getTime(); t += DAY_MS) {
      const day = utcDay(new Date(t));
      days.set(day, {
        day,
        arms: {
          CONTROL: { activeUsers: 0, newUsers: 0, messages: 0 },
          TREATMENT: { activeUsers: 0, newUsers: 0, messages: 0 },
        },
      });
    }
    const fill = (rows: Row[], field: 'activeUsers' | 'newUsers' | 'messages') => {
      for (const row of rows) {
        const point = days.get(row.day);
        if (point && VARIANTS.includes(row.variant)) point.arms[row.variant][field] = num(row.n);
      }
    };
    fill(active, 'activeUsers');
    fill(fresh, 'newUsers');
    fill(messages, 'messages');
    return { from, to, days: [...days.values()] };
  }

  private async usageByArm(cutoff: Date) {
    const p = new SqlParams(this.db.dialect);
    const c = sqlDate(cutoff, this.db.isSqlite);
    const rows = await this.db.query<{ variant: Variant; users: Num; messages: Num; messages_sq: Num }>(
      `SELECT u.variant AS variant, COUNT(*) AS users,
              COALESCE(SUM(m.n), 0) AS messages, COALESCE(SUM(m.n * m.n), 0) AS messages_sq
         FROM users u
         LEFT JOIN (SELECT user_id, COUNT(*) AS n FROM messages WHERE created_at < ${p.add(c)} GROUP BY user_id) m
           ON m.user_id = u.id
        WHERE u.created_at < ${p.add(c)}
        GROUP BY u.variant`,
      p.values,
    );
    return byVariant(rows);
  }

  private async visitsByArm(cutoff: Date) {
    const { dialect } = this.db;
    const p = new SqlParams(dialect);
    const c = sqlDate(cutoff, dialect.sqlite);
    const rows = await this.db.query<{ variant: Variant; visits: Num; mean_ms: Num }>(
      `SELECT u.variant AS variant, COUNT(*) AS visits,
              AVG(CASE WHEN v.ended_at IS NOT NULL AND v.ended_at < ${p.add(c)}
                       THEN ${dialect.durationMs('v.started_at', 'v.ended_at')} END) AS mean_ms
         FROM visits v JOIN users u ON u.id = v.user_id
        WHERE v.started_at < ${p.add(c)}
        GROUP BY u.variant`,
      p.values,
    );
    return byVariant(rows);
  }

  /**
   * D1/D7 by the SPEC's definition: cohort day = first active day; Day-N retained when active
   * on cohort day + N; eligible when cohort day + N is before asOf.
   */
  private async retentionByArm(asOf: string, cutoff: Date) {
    const { dialect } = this.db;
    const p = new SqlParams(dialect);
    // A fresh placeholder per use: SQLite's `?` are positional.
    const day = () => p.add(asOf);
    const plus = (n: number) => dialect.addDays('r.day0', n);
    const rows = await this.db.query<{ variant: Variant; d1_eligible: Num; d1_retained: Num; d7_eligible: Num; d7_retained: Num }>(
      `WITH a AS (SELECT user_id, day FROM activity_days WHERE day <= ${day()}),
            c AS (SELECT user_id, MIN(day) AS day0 FROM a GROUP BY user_id),
            r AS (SELECT c.user_id AS user_id, c.day0 AS day0,
                         MAX(CASE WHEN a.day = ${dialect.addDays('c.day0', 1)} THEN 1 ELSE 0 END) AS d1,
                         MAX(CASE WHEN a.day = ${dialect.addDays('c.day0', 7)} THEN 1 ELSE 0 END) AS d7
                    FROM c JOIN a ON a.user_id = c.user_id
                   GROUP BY c.user_id, c.day0)
       SELECT u.variant AS variant,
              SUM(CASE WHEN ${plus(1)} < ${day()} THEN 1 ELSE 0 END) AS d1_eligible,
              SUM(CASE WHEN ${plus(1)} < ${day()} THEN r.d1 ELSE 0 END) AS d1_retained,
              SUM(CASE WHEN ${plus(7)} < ${day()} THEN 1 ELSE 0 END) AS d7_eligible,
              SUM(CASE WHEN ${plus(7)} < ${day()} THEN r.d7 ELSE 0 END) AS d7_retained
         FROM r JOIN users u ON u.id = r.user_id
        WHERE u.created_at < ${p.add(sqlDate(cutoff, dialect.sqlite))}
        GROUP BY u.variant`,
      p.values,
    );
    return byVariant(rows);
  }

  private async jobsByStatus(cutoff: Date): Promise<{ counts: JobCountsDto; meanLatency: number | null }> {
    const p = new SqlParams(this.db.dialect);
    const rows = await this.db.query<{ status: keyof JobCountsDto; n: Num; mean_latency: Num }>(
      `SELECT status, COUNT(*) AS n, AVG(latency_ms) AS mean_latency
         FROM inference_jobs WHERE created_at < ${p.add(sqlDate(cutoff, this.db.isSqlite))}
        GROUP BY status`,
      p.values,
    );
    const counts: JobCountsDto = { PENDING: 0, PROCESSING: 0, DONE: 0, FAILED: 0 };
    let meanLatency: number | null = null;
    for (const row of rows) {
      if (row.status in counts) counts[row.status] = num(row.n);
      if (row.status === 'DONE' && row.mean_latency !== null) meanLatency = Number(row.mean_latency);
    }
    return { counts, meanLatency };
  }

  /** p95 by nearest rank: count the DONE jobs, then read the one value at that rank. */
  private async latencyP95(cutoff: Date): Promise<number | null> {
    const c = sqlDate(cutoff, this.db.isSqlite);
    const countParams = new SqlParams(this.db.dialect);
    const [{ n }] = await this.db.query<{ n: Num }>(
      `SELECT COUNT(*) AS n FROM inference_jobs WHERE status = 'DONE' AND created_at < ${countParams.add(c)}`,
      countParams.values,
    );
    const done = num(n);
    if (done === 0) return null;
    const rank = Math.ceil(0.95 * done);
    const p = new SqlParams(this.db.dialect);
    const [row] = await this.db.query<{ latency_ms: Num }>(
      `SELECT latency_ms FROM inference_jobs WHERE status = 'DONE' AND created_at < ${p.add(c)}
        ORDER BY latency_ms LIMIT 1 OFFSET ${p.add(rank - 1)}`,
      p.values,
    );
    return row ? num(row.latency_ms) : null;
  }

  private async messagesByMood(cutoff: Date): Promise<Map<string, Num>> {
    const p = new SqlParams(this.db.dialect);
    const rows = await this.db.query<{ mood: string; n: Num }>(
      `SELECT mood, COUNT(*) AS n FROM messages WHERE created_at < ${p.add(sqlDate(cutoff, this.db.isSqlite))} GROUP BY mood`,
      p.values,
    );
    return new Map(rows.map((row) => [row.mood, row.n]));
  }
}

function retentionOf(eligible: number, retained: number): RetentionDto {
  return { eligible, retained, rate: eligible > 0 ? retained / eligible : null };
}

function byVariant<T extends { variant: Variant }>(rows: T[]): Map<Variant, T> {
  return new Map(rows.map((row) => [row.variant, row]));
}
