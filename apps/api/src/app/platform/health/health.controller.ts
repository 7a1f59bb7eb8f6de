import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { SidecarHealthIndicator } from './sidecar.health';

@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly sidecar: SidecarHealthIndicator,
  ) {}

  /** Liveness, with the database checked: `{ status: 'ok', … }`, or 503 when it is not reachable. */
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 1000 })]);
  }

  /** Readiness: the database and the mood sidecar both answer (503 otherwise). */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 1000 }),
      () => this.sidecar.isHealthy('sidecar'),
    ]);
  }
}
