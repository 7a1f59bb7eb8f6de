import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { InferenceModule } from '../../inference/inference.module';
import { HealthController } from './health.controller';
import { SidecarHealthIndicator } from './sidecar.health';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), InferenceModule],
  controllers: [HealthController],
  providers: [SidecarHealthIndicator],
})
export class HealthModule {}
