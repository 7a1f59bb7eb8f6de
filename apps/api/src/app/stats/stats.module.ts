import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityDay } from './activity-day.entity';
import { DailyArmStat } from './daily-arm-stat.entity';
import { DailyJobLatency } from './daily-job-latency.entity';
import { DailyMoodCount } from './daily-mood-count.entity';
import { StatsReader } from './stats.reader';
import { StatsWriter } from './stats.writer';
import { UserTotals } from './user-totals.entity';

/**
 * The running totals behind the experiment readout: their tables (activity_days, daily_*) and
 * the totals columns of users. StatsWriter is the only code that writes them; the readout reads
 * them through StatsReader.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ActivityDay, DailyArmStat, DailyJobLatency, DailyMoodCount, UserTotals])],
  providers: [StatsWriter, StatsReader],
  exports: [StatsWriter, StatsReader],
})
export class StatsModule {}
