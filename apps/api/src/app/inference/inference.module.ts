import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessagesModule } from '../chat/messages.module';
import { ReadinessChecks } from '../platform/health/readiness-checks';
import { ShutdownService } from '../platform/shutdown/shutdown.service';
import { StatsModule } from '../stats/stats.module';
import { InferenceJob } from './inference-job.entity';
import { InferenceJobsService } from './inference-jobs.service';
import { InferenceQueue } from './inference.queue';
import { InferenceWorker } from './inference.worker';
import { SidecarClient } from './sidecar.client';

@Module({
  imports: [TypeOrmModule.forFeature([InferenceJob]), MessagesModule, StatsModule],
  providers: [InferenceQueue, InferenceJobsService, InferenceWorker, SidecarClient],
  exports: [InferenceQueue, InferenceJobsService],
})
export class InferenceModule implements OnModuleInit {
  constructor(
    private readonly worker: InferenceWorker,
    private readonly sidecar: SidecarClient,
    private readonly readiness: ReadinessChecks,
    private readonly shutdown: ShutdownService,
  ) {}

  /**
   * Ready only when the sidecar answers; `inference` reports the overload state (degraded, still
   * ready: chat works without moods). On shutdown the worker stops claiming and hands back what it holds.
   */
  onModuleInit(): void {
    this.readiness.add('sidecar', () => this.sidecar.health());
    this.readiness.add('inference', async () => ({ ...(await this.worker.backlogHealth()) }));
    this.shutdown.add('work', () => this.worker.stop());
  }
}
