import { ConfigService } from '@nestjs/config';
import type { DataSource } from 'typeorm';
import { MetricsService } from '../app/admin/metrics.service';
import { MessageEntity } from '../app/chat/message.entity';
import { MessagesService } from '../app/chat/messages.service';
import { InferenceJob } from '../app/inference/inference-job.entity';
import { InferenceJobsService } from '../app/inference/inference-jobs.service';
import { type AppConfig, validateEnv } from '../app/platform/config/env.validation';
import { DatabaseService } from '../app/platform/database/database.service';
import { ActivityDay } from '../app/stats/activity-day.entity';
import { DailyArmStat } from '../app/stats/daily-arm-stat.entity';
import { DailyJobLatency } from '../app/stats/daily-job-latency.entity';
import { DailyMoodCount } from '../app/stats/daily-mood-count.entity';
import { StatsReader } from '../app/stats/stats.reader';
import { StatsWriter } from '../app/stats/stats.writer';
import { UserTotals } from '../app/stats/user-totals.entity';

type ReadoutSettings = Pick<AppConfig, 'SEQUENTIAL_TUNING_N' | 'EXPERIMENT_PRIMARY_METRIC' | 'EXPERIMENT_TARGET_LIFT'>;

/** The settings' defaults, as validateEnv gives them. */
const READOUT_DEFAULTS: ReadoutSettings = (({ SEQUENTIAL_TUNING_N, EXPERIMENT_PRIMARY_METRIC, EXPERIMENT_TARGET_LIFT }) => ({
  SEQUENTIAL_TUNING_N,
  EXPERIMENT_PRIMARY_METRIC,
  EXPERIMENT_TARGET_LIFT,
}))(validateEnv({}));

/** The readout's MetricsService on a spec's database, wired as the app's modules wire it. */
export function metricsService(dataSource: DataSource, treatmentShare = 0.5, readout: Partial<ReadoutSettings> = {}): MetricsService {
  const repository = dataSource.getRepository.bind(dataSource);
  const reader = new StatsReader(repository(DailyArmStat), repository(ActivityDay), repository(UserTotals), repository(DailyJobLatency), repository(DailyMoodCount));
  const jobs = new InferenceJobsService(repository(InferenceJob), new DatabaseService(dataSource), new MessagesService(repository(MessageEntity)), new StatsWriter());
  return new MetricsService(reader, jobs, new ConfigService({ TREATMENT_SHARE: treatmentShare, ...READOUT_DEFAULTS, ...readout }) as ConfigService<never, true>);
}
