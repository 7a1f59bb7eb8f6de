import { Module } from '@nestjs/common';
import { LobbyModule } from '../lobby/lobby.module';
import { AdminTokenService } from './admin-token.guard';
import { AdminController } from './admin.controller';
import { AdminUsersService } from './admin-users.service';
import { MetricsService } from './metrics.service';

@Module({
  imports: [LobbyModule],
  controllers: [AdminController],
  providers: [AdminTokenService, MetricsService, AdminUsersService],
})
export class AdminModule {}
