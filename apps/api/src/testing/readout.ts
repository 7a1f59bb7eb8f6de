import { ConfigService } from '@nestjs/config';
import type { DataSource } from 'typeorm';
import { MetricsService } from '../app/admin/metrics.service';
import { MessageEntity } from '../app/chat/message.entity';
import { MessagesService } from '../app/chat/messages.service';
import { InferenceJob } from '../app/inference/inference-job.entity';
import { InferenceJobsService } from '../app/inference/inference-jobs.service';
import { DatabaseService } from '../app/platform/database/database.service';
import { ActivityDay } from '../app/stats/activity-day.entity';
import { DailyArmStat } from '../app/stats/daily-arm-stat.entity';
import { DailyJobLatency } from '../app/stats/daily-job-latency.entity';
import { DailyMoodCount } from '../app/stats/daily-mood-count.entity';
import { StatsReader } from '../app/stats/stats.reader';
import { StatsWriter } from '../app/stats/stats.writer';
import { UserTotals } from '../app/stats/user-totals.entity';

/** The readout's MetricsService on a spec's database, wired as the app's modules wire it. */
export function metricsService(dataSource: DataSource, treatmentShare = 0.5): MetricsService {
  const repository = dataSource.getRepository.bind(dataSource);
  const reader = new StatsReader(repository(DailyArmStat), repository(ActivityDay), repository(UserTotals), repository(DailyJobLatency), repository(DailyMoodCount));
  const jobs = new InferenceJobsService(repository(InferenceJob), new DatabaseService(dataSource), new MessagesService(repository(MessageEntity)), new StatsWriter());
  return new MetricsService(reader, jobs, new ConfigService({ TREATMENT_SHARE: treatmentShare }) as ConfigService<never, true>);
}
