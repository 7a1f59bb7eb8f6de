import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InferenceJob } from './inference-job.entity';
import { InferenceJobsService } from './inference-jobs.service';
import { InferenceQueue } from './inference.queue';
import { InferenceWorker } from './inference.worker';
import { SidecarClient } from './sidecar.client';

@Module({
  imports: [TypeOrmModule.forFeature([InferenceJob])],
  providers: [InferenceQueue, InferenceJobsService, InferenceWorker, SidecarClient],
  exports: [InferenceQueue, InferenceWorker, SidecarClient],
})
export class InferenceModule {}
