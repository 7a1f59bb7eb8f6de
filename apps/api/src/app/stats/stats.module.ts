import { Module } from '@nestjs/common';
import { StatsWriter } from './stats.writer';

/**
 * The running totals behind the experiment readout: their tables (activity_days, daily_*) and
 * the totals columns of users. StatsWriter is the only code that writes them.
 */
@Module({
  providers: [StatsWriter],
  exports: [StatsWriter],
})
export class StatsModule {}
