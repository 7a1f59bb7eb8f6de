import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChatModule } from '../chat/chat.module';
import { ExperimentModule } from '../experiment/experiment.module';
import { IdentityService } from './identity.service';
import { LobbyGateway } from './lobby.gateway';
import { LobbyService } from './lobby.service';
import { InMemoryPresenceStore, PresenceStore } from './presence.store';
import { RedisPresenceStore } from './redis-presence.store';
import { RedisService } from '../platform/redis/redis.service';
import { User } from './user.entity';
import { UsersService } from './users.service';
import { Visit } from './visit.entity';
import { VisitsService } from './visits.service';

@Module({
  imports: [TypeOrmModule.forFeature([User, Visit]), ChatModule, ExperimentModule],
  providers: [
    LobbyGateway,
    LobbyService,
    IdentityService,
    UsersService,
    VisitsService,
    {
      provide: PresenceStore,
      inject: [RedisService],
      useFactory: (redis: RedisService) => (redis.client ? new RedisPresenceStore(redis.client) : new InMemoryPresenceStore()),
    },
  ],
  exports: [PresenceStore, LobbyService],
})
export class LobbyModule {}
