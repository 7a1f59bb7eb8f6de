import { Module } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { InferenceModule } from '../inference/inference.module';
import { RedisService } from '../platform/redis/redis.service';
import { StatsModule } from '../stats/stats.module';
import { ChatGateway } from './chat.gateway';
import { ChatService } from './chat.service';
import { MessageLengthConstraint } from './dto/message-length.constraint';
import { MessagesModule } from './messages.module';
import { RateLimitService } from './rate-limit.service';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/** `message:send`: validation, the per-user rate limit, storage with the message's inference job, broadcast; history. */
@Module({
  imports: [MessagesModule, InferenceModule, StatsModule],
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
