import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { addDays, MOODS, startOfDay, utcDay, Variant, VARIANTS } from '@moodlobby/shared';
import { InferenceJobsService } from '../inference/inference-jobs.service';
import type { AppConfig } from '../platform/config/env.validation';
import { StatsReader } from '../stats/stats.reader';
import { DailyPointDto, DailyResponseDto } from './dto/daily.response';
import { ArmSummaryDto, RetentionDto, SummaryResponseDto } from './dto/summary.response';
import { compareProportions, sampleFromSums, sampleRatioMismatch, welch } from './statistics';

const SRM_ALPHA = 0.001;

/**
 * The experiment readout (SPEC section 10), from the running totals the stats module keeps and
 * the inference module's unfinished jobs. Only what existed by the end of the asOf day (UTC)
 * counts, so a past asOf gives a past readout.
 */
@Injectable()
export class MetricsService {
  private readonly treatmentShare: number;

  constructor(
    private readonly stats: StatsReader,
    private readonly jobs: InferenceJobsService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.treatmentShare = config.getOrThrow('TREATMENT_SHARE');
  }

  async summary(asOf = utcDay()): Promise<SummaryResponseDto> {
    const [arms, spread, retention, inference, moods] = await Promise.all([
      this.stats.armTotals(asOf),
      this.stats.messageSpread(asOf),
      this.stats.retention(asOf),
      this.inferenceHealth(asOf),
      this.stats.moods(asOf),
    ]);

    const arm = (variant: Variant): ArmSummaryDto => {
      const a = arms.get(variant);
      const r = retention.get(variant);
      const users = a?.users ?? 0;
      const messages = a?.messages ?? 0;
      const ended = a?.visitsEnded ?? 0;
      return {
        users,
        messages,
        messagesPerUser: users > 0 ? messages / users : null,
        visits: a?.visits ?? 0,
        meanVisitLengthMs: ended > 0 ? (a?.visitMs ?? 0) / ended : null,
        d1: retentionOf(r?.d1Eligible ?? 0, r?.d1Retained ?? 0),
        d7: retentionOf(r?.d7Eligible ?? 0, r?.d7Retained ?? 0),
      };
    };
    const control = arm(Variant.Control);
    const treatment = arm(Variant.Treatment);
    // Each arm's users with their message counts, zeros included: n from the arm, sums from the users who wrote.
    const sample = (variant: Variant, users: number) => sampleFromSums(users, spread.get(variant)?.total ?? 0, spread.get(variant)?.squares ?? 0);
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
      inference,
      moods: Object.fromEntries(MOODS.map((mood) => [mood, moods.get(mood) ?? 0])),
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
   * Jobs by status, of those created up to asOf, with the latency of the DONE ones. DONE jobs come
   * from the per-day latency histogram, which also gives the mean and the p95 by nearest rank;
   * the unfinished ones are counted by their status now.
   */
  private async inferenceHealth(asOf: string): Promise<SummaryResponseDto['inference']> {
    const [unfinished, histogram] = await Promise.all([this.jobs.countUnfinished(startOfDay(addDays(asOf, 1))), this.stats.jobLatencies(asOf)]);
    const done = histogram.reduce((sum, bucket) => sum + bucket.n, 0);
    const total = histogram.reduce((sum, bucket) => sum + bucket.latencyMs * bucket.n, 0);
    return {
      jobs: { PENDING: unfinished.PENDING, PROCESSING: unfinished.PROCESSING, DONE: done, FAILED: unfinished.FAILED },
      latencyMs: { mean: done > 0 ? total / done : null, p95: nearestRank(histogram, 0.95, done) },
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
