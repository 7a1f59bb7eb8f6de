import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  addDays,
  Arms,
  Cohort,
  CURVE_DAYS,
  CurvePoint,
  FixedComparison,
  isoWeekMonday,
  MOODS,
  PrimaryMetric,
  startOfDay,
  utcDay,
  Variant,
  VARIANTS,
} from '@moodlobby/shared';
import { InferenceJobsService } from '../inference/inference-jobs.service';
import type { AppConfig } from '../platform/config/env.validation';
import { CohortRetention, StatsReader } from '../stats/stats.reader';
import { DailyPointDto, DailyResponseDto } from './dto/daily.response';
import { ArmSummaryDto, ComparisonDto, RetentionDto, SummaryResponseDto } from './dto/summary.response';
import {
  BayesianResult,
  compareMeansBayesian,
  compareProportions,
  compareRatesBayesian,
  daysToTarget,
  decide,
  mde80Means,
  mde80Proportions,
  sampleFromSums,
  sampleRatioMismatch,
  sequentialInterval,
  welch,
} from './statistics';

const SRM_ALPHA = 0.001;
/** daysToTarget's rate: newly eligible users per day over this many days before asOf. */
const RATE_WINDOW_DAYS = 14;

/**
 * The experiment readout (SPEC section 10), from the running totals the stats module keeps and
 * the inference module's unfinished jobs. Only what existed by the end of the asOf day (UTC)
 * counts, so a past asOf gives a past readout.
 */
@Injectable()
export class MetricsService {
  private readonly treatmentShare: number;
  private readonly tuningN: number;
  private readonly primaryMetric: PrimaryMetric;
  private readonly targetLift: number;

  constructor(
    private readonly stats: StatsReader,
    private readonly jobs: InferenceJobsService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.treatmentShare = config.getOrThrow('TREATMENT_SHARE');
    this.tuningN = config.getOrThrow('SEQUENTIAL_TUNING_N');
    this.primaryMetric = config.getOrThrow('EXPERIMENT_PRIMARY_METRIC');
    this.targetLift = config.getOrThrow('EXPERIMENT_TARGET_LIFT');
  }

  async summary(asOf = utcDay()): Promise<SummaryResponseDto> {
    const [arms, spread, inference, moods, cohortDays] = await Promise.all([
      this.stats.armTotals(asOf),
      this.stats.messageSpread(asOf),
      this.inferenceHealth(asOf),
      this.stats.moods(asOf),
      this.stats.cohortRetention(asOf),
    ]);

    const arm = (variant: Variant): ArmSummaryDto => {
      const a = arms.get(variant);
      const cohorts = cohortDays.filter((row) => row.variant === variant);
      const users = a?.users ?? 0;
      const messages = a?.messages ?? 0;
      const ended = a?.visitsEnded ?? 0;
      return {
        users,
        messages,
        messagesPerUser: users > 0 ? messages / users : null,
        visits: a?.visits ?? 0,
        meanVisitLengthMs: ended > 0 ? (a?.visitMs ?? 0) / ended : null,
        // Day-N as SPEC 10 defines it: eligible when cohort day + N is before asOf, retained when
        // also active on cohort day + N (bit N of the users' retained days).
        d1: retentionAt(cohorts, 1, asOf),
        d7: retentionAt(cohorts, 7, asOf),
      };
    };
    const control = arm(Variant.Control);
    const treatment = arm(Variant.Treatment);
    // Each arm's users with their message counts, zeros included: n from the arm, sums from the users who wrote.
    const sample = (variant: Variant, users: number) => sampleFromSums(users, spread.get(variant)?.total ?? 0, spread.get(variant)?.squares ?? 0);
    const srm = sampleRatioMismatch(treatment.users, control.users, this.treatmentShare);
    const totalUsers = treatment.users + control.users;
    const srmFlagged = srm.pValue !== null && srm.pValue < SRM_ALPHA;

    const rate = (metric: PrimaryMetric): ComparisonDto => {
      const t = treatment[metric];
      const c = control[metric];
      const fixed = compareProportions(t.retained, t.eligible, c.retained, c.eligible);
      return this.readout(fixed, t.eligible + c.eligible, compareRatesBayesian(t.retained, t.eligible, c.retained, c.eligible), mde80Proportions(t.retained, t.eligible, c.retained, c.eligible));
    };
    const { df, ...perUser } = welch(sample(Variant.Treatment, treatment.users), sample(Variant.Control, control.users));
    const comparison = {
      d1: rate('d1'),
      d7: rate('d7'),
      messagesPerUser: { ...this.readout(perUser, totalUsers, compareMeansBayesian(perUser.diff, perUser.se), mde80Means(perUser.se)), df },
    };

    const primary = comparison[this.primaryMetric];
    const offset = this.primaryMetric === 'd1' ? 1 : 7;
    const eligibleNow = treatment[this.primaryMetric].eligible + control[this.primaryMetric].eligible;
    const newlyEligible = sumUsers(cohortDays, addDays(asOf, -RATE_WINDOW_DAYS - offset), addDays(asOf, -1 - offset));
    const toTarget = daysToTarget(primary.mde80, this.targetLift, eligibleNow, newlyEligible / RATE_WINDOW_DAYS);

    return {
      asOf,
      totals: { users: totalUsers, messages: treatment.messages + control.messages, visits: treatment.visits + control.visits },
      arms: { CONTROL: control, TREATMENT: treatment },
      comparison,
      daysToTarget: toTarget,
      decision: {
        verdict: decide(srmFlagged, primary.sequential),
        metric: this.primaryMetric,
        targetLift: this.targetLift,
        mde80: primary.mde80,
        daysToTarget: toTarget,
      },
      curve: curveOf(cohortDays, asOf),
      cohorts: cohortsOf(cohortDays, asOf),
      srm: {
        expectedTreatmentShare: this.treatmentShare,
        observedTreatmentShare: totalUsers > 0 ? treatment.users / totalUsers : null,
        ...srm,
        flagged: srmFlagged,
      },
      inference,
      moods: Object.fromEntries(MOODS.map((mood) => [mood, moods.get(mood) ?? 0])),
    };
  }

  /** A fixed-horizon comparison with its sequential interval (over n units), Bayesian readout and mde80. */
  private readout(fixed: FixedComparison, n: number, bayes: BayesianResult | null, mde80: number | null): ComparisonDto {
    return {
      ...fixed,
      sequential: sequentialInterval(fixed.diff, fixed.se, n, this.tuningN),
      chanceToWin: bayes?.chanceToWin ?? null,
      expectedLoss: bayes ? { ...bayes.expectedLoss } : null,
      mde80: fixed.diff === null ? null : mde80,
    };
  }

  /** Per UTC day and arm in [from, to]: active users, new users, messages; every day listed. */
  async daily(from: string, to: string): Promise<DailyResponseDto> {
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
    for (const { day, variant, ...counts } of await this.stats.daily(from, to)) {
      const point = VARIANTS.includes(variant) ? days.get(day)?.arms[variant] : undefined;
      if (point) Object.assign(point, counts);
    }
    return { from, to, days: [...days.values()] };
  }

  /**
   * Jobs by status, of those created up to asOf, with the latency of the DONE ones (SPEC 10.1).
   * DONE jobs finished by the end of asOf come from the per-day latency histogram (by the day
   * they finished), which also gives the mean and the p95 by nearest rank; the others, those
   * skipped under overload included, are counted by their status at the end of asOf (a job
   * finished or skipped after it was still PENDING).
   */
  private async inferenceHealth(asOf: string): Promise<SummaryResponseDto['inference']> {
    const [unfinished, histogram] = await Promise.all([this.jobs.countOpenAt(startOfDay(addDays(asOf, 1))), this.stats.jobLatencies(asOf)]);
    const done = histogram.reduce((sum, bucket) => sum + bucket.n, 0);
    const total = histogram.reduce((sum, bucket) => sum + bucket.latencyMs * bucket.n, 0);
    return {
      jobs: { PENDING: unfinished.PENDING, PROCESSING: unfinished.PROCESSING, DONE: done, FAILED: unfinished.FAILED },
      latencyMs: { mean: done > 0 ? total / done : null, p95: nearestRank(histogram, 0.95, done) },
      skipped: unfinished.SKIPPED,
    };
  }
}

/** The value at rank ⌈p·count⌉ of a sorted histogram of (value, how many). */
function nearestRank(histogram: { latencyMs: number; n: number }[], p: number, count: number): number | null {
  if (count === 0) return null;
  const rank = Math.ceil(p * count);
  let seen = 0;
  for (const bucket of histogram) {
    seen += bucket.n;
    if (seen >= rank) return bucket.latencyMs;
  }
  return null;
}

function retentionOf(eligible: number, retained: number): RetentionDto {
  return { eligible, retained, rate: eligible > 0 ? retained / eligible : null };
}

/** Users of both arms whose cohort day lies in [from, to]. */
function sumUsers(cohortDays: CohortRetention[], from: string, to: string): number {
  return cohortDays.reduce((sum, row) => (row.cohortDay >= from && row.cohortDay <= to ? sum + row.users : sum), 0);
}

/** Eligible for Day-n at asOf: cohort day + n is before asOf (SPEC 10). */
function eligibleFor(cohortDay: string, n: number, asOf: string): boolean {
  return cohortDay < addDays(asOf, -n);
}

/** Day-n retention of some cohort days' users, from their per-day counts. */
function retentionAt(rows: CohortRetention[], n: number, asOf: string): RetentionDto {
  let eligible = 0;
  let retained = 0;
  for (const row of rows) {
    if (!eligibleFor(row.cohortDay, n, asOf)) continue;
    eligible += row.users;
    retained += row.retained[n - 1];
  }
  return retentionOf(eligible, retained);
}

/** D1 … D14 retention per arm. */
function curveOf(cohortDays: CohortRetention[], asOf: string): Arms<CurvePoint[]> {
  const ofArm = (variant: Variant) => {
    const rows = cohortDays.filter((row) => row.variant === variant);
    return Array.from({ length: CURVE_DAYS }, (_, i) => ({ n: i + 1, ...retentionAt(rows, i + 1, asOf) }));
  };
  return { CONTROL: ofArm(Variant.Control), TREATMENT: ofArm(Variant.Treatment) };
}

/** Users, D1 and D7 per ISO week of cohort day and arm; oldest week first, CONTROL before TREATMENT. */
function cohortsOf(cohortDays: CohortRetention[], asOf: string): Cohort[] {
  const weeks = new Map<string, CohortRetention[]>();
  for (const row of cohortDays) {
    const key = `${isoWeekMonday(row.cohortDay)}|${row.variant}`;
    weeks.set(key, [...(weeks.get(key) ?? []), row]);
  }
  return [...weeks.entries()]
    .map(([key, rows]) => {
      const [week, variant] = key.split('|') as [string, Variant];
      return { week, variant, users: rows.reduce((sum, row) => sum + row.users, 0), d1: retentionAt(rows, 1, asOf), d7: retentionAt(rows, 7, asOf) };
    })
    .sort((a, b) => a.week.localeCompare(b.week) || VARIANTS.indexOf(a.variant) - VARIANTS.indexOf(b.variant));
}
