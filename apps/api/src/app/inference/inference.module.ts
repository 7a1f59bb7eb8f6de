import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InferenceJob } from './inference-job.entity';
import { InferenceQueue } from './inference.queue';

@Module({
  imports: [TypeOrmModule.forFeature([InferenceJob])],
  providers: [InferenceQueue],
  exports: [InferenceQueue],
})
export class InferenceModule {}
