import { Module } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InferenceModule } from '../inference/inference.module';
import { ChatGateway } from './chat.gateway';
import { ChatService } from './chat.service';
import { MessageLengthConstraint } from './dto/message-length.constraint';
import { MessageEntity } from './message.entity';
import { RateLimitService } from './rate-limit.service';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import { RedisService } from '../platform/redis/redis.service';
import { StatsModule } from '../stats/stats.module';

@Module({
  imports: [TypeOrmModule.forFeature([MessageEntity]), InferenceModule, StatsModule],
  providers: [
    ChatGateway,
    ChatService,
    RateLimitService,
    MessageLengthConstraint,
    {
      provide: ThrottlerStorage,
      inject: [RedisService],
      useFactory: (redis: RedisService) => (redis.client ? new RedisThrottlerStorage(redis.client) : new ThrottlerStorageService()),
    },
  ],
  exports: [ChatService, RateLimitService],
})
export class ChatModule {}
