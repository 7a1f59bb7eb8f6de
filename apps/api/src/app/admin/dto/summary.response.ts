import { ApiProperty } from '@nestjs/swagger';
import {
  ArmSummary,
  Arms,
  Cohort,
  Comparison,
  Comparisons,
  CurvePoint,
  Decision,
  PRIMARY_METRICS,
  PrimaryMetric,
  SequentialInterval,
  Verdict,
  VERDICTS,
  VARIANTS,
  Variant,
  InferenceHealth,
  JobStatus,
  Latency,
  MOODS,
  Retention,
  Srm,
  Summary,
  Totals,
  WelchComparison,
} from '@moodlobby/shared';

// Swagger's description of the shared response types; each class implements its interface.

export class RetentionDto implements Retention {
  @ApiProperty({ description: 'Users whose cohort day + N is before asOf' }) eligible!: number;
  @ApiProperty({ description: 'Eligible users active on cohort day + N' }) retained!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'retained / eligible; null when nobody is eligible' })
  rate!: number | null;
}

export class ArmSummaryDto implements ArmSummary {
  @ApiProperty() users!: number;
  @ApiProperty() messages!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean over the arm’s users (zeros included)' })
  messagesPerUser!: number | null;
  @ApiProperty() visits!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean length of ended visits, ms' })
  meanVisitLengthMs!: number | null;
  @ApiProperty({ type: RetentionDto }) d1!: RetentionDto;
  @ApiProperty({ type: RetentionDto }) d7!: RetentionDto;
}

export class ArmsDto implements Arms<ArmSummary> {
  @ApiProperty({ type: ArmSummaryDto }) CONTROL!: ArmSummaryDto;
  @ApiProperty({ type: ArmSummaryDto }) TREATMENT!: ArmSummaryDto;
}

export class SequentialIntervalDto implements SequentialInterval {
  @ApiProperty({ description: 'diff − halfWidth' }) ciLow!: number;
  @ApiProperty({ description: 'diff + halfWidth' }) ciHigh!: number;
  @ApiProperty({
    description:
      'Asymptotic confidence sequence (Waudby-Smith et al. 2023, as GrowthBook uses it): s·sqrt((N·ρ² + 1)/(N²·ρ²)·ln((N·ρ² + 1)/α²)), s = SE·√N, ρ² = (−2 ln α + ln(−2 ln α + 1))/SEQUENTIAL_TUNING_N, α = 0.05',
  })
  halfWidth!: number;
  @ApiProperty({ description: 'The interval excludes 0' }) significant!: boolean;
}

export class ExpectedLossDto implements Arms<number> {
  @ApiProperty({ description: 'E[max(C − T, 0)]: the expected cost of shipping TREATMENT' }) TREATMENT!: number;
  @ApiProperty({ description: 'E[max(T − C, 0)]: the expected cost of keeping CONTROL' }) CONTROL!: number;
}

export class ComparisonDto implements Comparison {
  @ApiProperty({ type: Number, nullable: true, description: 'TREATMENT − CONTROL' }) diff!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Fixed-horizon 95% interval, low end (valid for one look)' }) ciLow!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Fixed-horizon 95% interval, high end' }) ciHigh!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Two-sided p-value' }) pValue!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Standard error of diff (unpooled)' }) se!: number | null;
  @ApiProperty({
    type: SequentialIntervalDto,
    nullable: true,
    description: 'Always-valid 95% interval, safe to look at daily; null exactly when the fixed-horizon comparison is null. N = eligible users of both arms (retention) or the arms’ users (messages per user).',
  })
  sequential!: SequentialIntervalDto | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'P(TREATMENT > CONTROL). Retention: Beta(1 + x, 1 + n − x) posteriors, exact closed-form sum (Evan Miller); messages per user: Φ(diff / SE_welch). Null when an arm has nobody eligible.',
  })
  chanceToWin!: number | null;
  @ApiProperty({ type: ExpectedLossDto, nullable: true, description: 'Expected loss of choosing each arm, same posteriors (normal approximation for messages per user)' })
  expectedLoss!: ExpectedLossDto | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Absolute difference detectable with 80% power at two-sided α = 0.05 now: (z₀.₉₇₅ + z₀.₈)·sqrt(p(1−p)(1/nT + 1/nC)) with the pooled p, or (z₀.₉₇₅ + z₀.₈)·SE_welch',
  })
  mde80!: number | null;
}

export class WelchComparisonDto extends ComparisonDto implements WelchComparison {
  @ApiProperty({ type: Number, nullable: true, description: 'Welch–Satterthwaite degrees of freedom' }) df!: number | null;
}

export class ComparisonsDto implements Comparisons {
  @ApiProperty({ type: ComparisonDto, description: 'Two-proportion z-test (pooled), unpooled interval' }) d1!: ComparisonDto;
  @ApiProperty({ type: ComparisonDto }) d7!: ComparisonDto;
  @ApiProperty({ type: WelchComparisonDto, description: 'Welch t-test' }) messagesPerUser!: WelchComparisonDto;
}

export class SrmDto implements Srm {
  @ApiProperty({ description: 'Configured TREATMENT share' }) expectedTreatmentShare!: number;
  @ApiProperty({ type: Number, nullable: true }) observedTreatmentShare!: number | null;
  @ApiProperty({ type: Number, nullable: true }) chiSquare!: number | null;
  @ApiProperty({ type: Number, nullable: true }) pValue!: number | null;
  @ApiProperty({ description: 'True when p < 0.001' }) flagged!: boolean;
}

export class JobCountsDto implements Record<JobStatus, number> {
  @ApiProperty() PENDING!: number;
  @ApiProperty() PROCESSING!: number;
  @ApiProperty() DONE!: number;
  @ApiProperty() FAILED!: number;
}

export class LatencyDto implements Latency {
  @ApiProperty({ type: Number, nullable: true, description: 'Mean job creation → DONE, ms' }) mean!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '95th percentile (nearest rank), ms' }) p95!: number | null;
}

export class InferenceHealthDto implements InferenceHealth {
  @ApiProperty({ type: JobCountsDto }) jobs!: JobCountsDto;
  @ApiProperty({ type: LatencyDto }) latencyMs!: LatencyDto;
  @ApiProperty({
    description:
      'Jobs created up to asOf that were never inferred because their message grew older than INFERENCE_MAX_BACKLOG_AGE_MS (overload); their messages are `failed` and neutral. A job skipped after the end of asOf counts as PENDING there.',
  })
  skipped!: number;
}

export class TotalsDto implements Totals {
  @ApiProperty() users!: number;
  @ApiProperty() messages!: number;
  @ApiProperty() visits!: number;
}

export class DecisionDto implements Decision {
  @ApiProperty({
    enum: VERDICTS,
    description:
      'On the primary metric, the first rule that holds: srm (the split is unhealthy, nothing else is trusted), ship (sequential interval above 0), stop (below 0), keep-running',
  })
  verdict!: Verdict;
  @ApiProperty({ enum: PRIMARY_METRICS, description: 'EXPERIMENT_PRIMARY_METRIC' }) metric!: PrimaryMetric;
  @ApiProperty({ description: 'EXPERIMENT_TARGET_LIFT (absolute)' }) targetLift!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The primary metric’s mde80' }) mde80!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'See daysToTarget' }) daysToTarget!: number | null;
}

export class CurvePointDto extends RetentionDto implements CurvePoint {
  @ApiProperty({ description: 'Day N, 1 … 14' }) n!: number;
}

export class CurveDto implements Arms<CurvePoint[]> {
  @ApiProperty({ type: [CurvePointDto] }) CONTROL!: CurvePointDto[];
  @ApiProperty({ type: [CurvePointDto] }) TREATMENT!: CurvePointDto[];
}

export class CohortDto implements Cohort {
  @ApiProperty({ description: 'Monday (UTC) of the ISO week of the users’ cohort day', example: '2026-11-23' }) week!: string;
  @ApiProperty({ enum: VARIANTS }) variant!: Variant;
  @ApiProperty({ description: 'Users whose cohort day falls in the week' }) users!: number;
  @ApiProperty({ type: RetentionDto }) d1!: RetentionDto;
  @ApiProperty({ type: RetentionDto }) d7!: RetentionDto;
}

export class SummaryResponseDto implements Summary {
  @ApiProperty({ example: '2026-11-25' }) asOf!: string;
  @ApiProperty({ type: TotalsDto }) totals!: TotalsDto;
  @ApiProperty({ type: ArmsDto }) arms!: ArmsDto;
  @ApiProperty({ type: ComparisonsDto }) comparison!: ComparisonsDto;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Primary metric: days of new eligible users until mde80 reaches EXPERIMENT_TARGET_LIFT: ceil((N·(mde80/target)² − N) / rate), rate = users of both arms whose cohort day + N (1 or 7) lies in [asOf − 14, asOf − 1], / 14. 0 once mde80 ≤ target; null without mde80 or when rate is 0.',
  })
  daysToTarget!: number | null;
  @ApiProperty({ type: DecisionDto }) decision!: DecisionDto;
  @ApiProperty({ type: CurveDto, description: 'Day-N retention per arm for N = 1 … 14' }) curve!: CurveDto;
  @ApiProperty({ type: [CohortDto], description: 'Per ISO week of cohort day and arm, oldest first, CONTROL before TREATMENT' }) cohorts!: CohortDto[];
  @ApiProperty({ type: SrmDto }) srm!: SrmDto;
  @ApiProperty({
    type: InferenceHealthDto,
    description:
      'Jobs created by the end of asOf. DONE (with its latency) and FAILED only when they had finished by then; one that finished later counts as PENDING. PROCESSING as it is now (a past asOf does not replay retries).',
  })
  inference!: InferenceHealthDto;
  @ApiProperty({
    description: 'Messages by mood',
    type: 'object',
    properties: Object.fromEntries(MOODS.map((mood) => [mood, { type: 'integer' }])),
  })
  moods!: Record<string, number>;
}
