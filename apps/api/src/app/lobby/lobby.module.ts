import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChatModule } from '../chat/chat.module';
import { ExperimentModule } from '../experiment/experiment.module';
import { RedisService } from '../platform/redis/redis.service';
import { RECONNECT_AFTER_SHUTDOWN_MS, ShutdownService } from '../platform/shutdown/shutdown.service';
import { StatsModule } from '../stats/stats.module';
import { IdentityService } from './identity.service';
import { LobbyGateway } from './lobby.gateway';
import { LobbyService } from './lobby.service';
import { InMemoryPresenceStore, PresenceStore } from './presence.store';
import { RedisPresenceStore } from './redis-presence.store';
import { User } from './user.entity';
import { UsersService } from './users.service';
import { VisitsService } from './visits.service';

@Module({
  imports: [TypeOrmModule.forFeature([User]), ChatModule, ExperimentModule, StatsModule],
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
  exports: [PresenceStore, LobbyService, UsersService],
})
export class LobbyModule implements OnModuleInit {
  constructor(
    private readonly lobby: LobbyService,
    private readonly shutdown: ShutdownService,
  ) {}

  /** On shutdown, first of all: clients are told and disconnected, their visits closed. */
  onModuleInit(): void {
    this.shutdown.add('sessions', () => this.lobby.closeAll(RECONNECT_AFTER_SHUTDOWN_MS));
  }
}
