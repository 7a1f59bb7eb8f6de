import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ScheduleModule } from '@nestjs/schedule';
import { AdminModule } from './admin/admin.module';
import { ChatModule } from './chat/chat.module';
import { entities } from './entities';
import { ExperimentModule } from './experiment/experiment.module';
import { InferenceModule } from './inference/inference.module';
import { LobbyModule } from './lobby/lobby.module';
import { validateEnv } from './platform/config/env.validation';
import { DatabaseModule } from './platform/database/database.module';
import { HealthModule } from './platform/health/health.module';
import { LoggingModule } from './platform/logging/logging.module';
import { RealtimeModule } from './platform/realtime/realtime.module';
import { RedisModule } from './platform/redis/redis.module';
import { ShutdownModule } from './platform/shutdown/shutdown.module';

@Module({
  imports: [
    // Platform: main.ts loads .env into process.env; ConfigModule validates it once and serves it typed.
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateEnv }),
    LoggingModule,
    ScheduleModule.forRoot(),
    DatabaseModule.forRoot(entities),
    RedisModule,
    RealtimeModule,
    HealthModule,
    ShutdownModule,
    // Domains.
    ExperimentModule,
    InferenceModule,
    ChatModule,
    LobbyModule,
    AdminModule,
  ],
})
export class AppModule {}
