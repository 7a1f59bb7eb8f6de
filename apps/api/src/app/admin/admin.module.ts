import { Module } from '@nestjs/common';
import { InferenceModule } from '../inference/inference.module';
import { LobbyModule } from '../lobby/lobby.module';
import { StatsModule } from '../stats/stats.module';
import { AdminTokenService } from './admin-token.guard';
import { AdminController } from './admin.controller';
import { AdminSessionController } from './admin-session.controller';
import { AdminUsersService } from './admin-users.service';
import { MetricsService } from './metrics.service';
import { UsersExportService } from './users-export.service';

/** The experiment readout and users list over HTTP; reads other modules only through their exported services. */
@Module({
  imports: [StatsModule, InferenceModule, LobbyModule],
  controllers: [AdminController, AdminSessionController],
  providers: [AdminTokenService, MetricsService, AdminUsersService, UsersExportService],
})
export class AdminModule {}
