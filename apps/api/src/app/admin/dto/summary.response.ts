import { ApiProperty } from '@nestjs/swagger';
import {
  ArmSummary,
  Arms,
  Comparison,
  Comparisons,
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

export class ComparisonDto implements Comparison {
  @ApiProperty({ type: Number, nullable: true, description: 'TREATMENT − CONTROL' }) diff!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '95% interval, low end' }) ciLow!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '95% interval, high end' }) ciHigh!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Two-sided p-value' }) pValue!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Standard error of diff (unpooled)' }) se!: number | null;
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
}

export class TotalsDto implements Totals {
  @ApiProperty() users!: number;
  @ApiProperty() messages!: number;
  @ApiProperty() visits!: number;
}

export class SummaryResponseDto implements Summary {
  @ApiProperty({ example: '2026-11-25' }) asOf!: string;
  @ApiProperty({ type: TotalsDto }) totals!: TotalsDto;
  @ApiProperty({ type: ArmsDto }) arms!: ArmsDto;
  @ApiProperty({ type: ComparisonsDto }) comparison!: ComparisonsDto;
  @ApiProperty({ type: SrmDto }) srm!: SrmDto;
  @ApiProperty({
    type: InferenceHealthDto,
    description:
      'DONE: jobs finished by the end of asOf, with their latency. PENDING, PROCESSING and FAILED: jobs created by then, counted by their status now (a past asOf does not replay retries).',
  })
  inference!: InferenceHealthDto;
  @ApiProperty({
    description: 'Messages by mood',
    type: 'object',
    properties: Object.fromEntries(MOODS.map((mood) => [mood, { type: 'integer' }])),
  })
  moods!: Record<string, number>;
}
