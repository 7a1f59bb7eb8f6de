import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ScheduleModule } from '@nestjs/schedule';
import { validateEnv } from './platform/config/env.validation';
import { AdminModule } from './admin/admin.module';
import { ChatModule } from './chat/chat.module';
import { DatabaseModule } from './platform/database/database.module';
import { ExperimentModule } from './experiment/experiment.module';
import { HealthModule } from './platform/health/health.module';
import { InferenceModule } from './inference/inference.module';
import { LobbyModule } from './lobby/lobby.module';
import { LoggingModule } from './platform/logging/logging.module';
import { RealtimeModule } from './platform/realtime/realtime.module';
import { RedisModule } from './platform/redis/redis.module';
import { ShutdownService } from './platform/shutdown/shutdown.service';

@Module({
  imports: [
    // main.ts loads .env into process.env; this validates it once and serves it typed.
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnv }),
    LoggingModule,
    ScheduleModule.forRoot(),
    DatabaseModule,
    RedisModule,
    RealtimeModule,
    ExperimentModule,
    InferenceModule,
    ChatModule,
    LobbyModule,
    AdminModule,
    HealthModule,
  ],
  providers: [ShutdownService],
})
export class AppModule {}
