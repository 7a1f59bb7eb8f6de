import { Module } from '@nestjs/common';
import { LobbyModule } from '../lobby/lobby.module';
import { AdminTokenGuard } from './admin-token.guard';
import { AdminController } from './admin.controller';
import { AdminUsersService } from './admin-users.service';
import { MetricsService } from './metrics.service';

@Module({
  imports: [LobbyModule],
  controllers: [AdminController],
  providers: [AdminTokenGuard, MetricsService, AdminUsersService],
})
export class AdminModule {}
