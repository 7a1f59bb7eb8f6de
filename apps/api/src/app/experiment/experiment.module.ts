import { Module } from '@nestjs/common';
import { ExperimentService } from './experiment.service';

@Module({
  providers: [ExperimentService],
  exports: [ExperimentService],
})
export class ExperimentModule {}
