import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ReadinessCheck, ReadinessChecks } from './readiness-checks';

@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly readiness: ReadinessChecks,
  ) {}

  /** Liveness, with the database checked: `{ status: 'ok', … }`, or 503 when it is not reachable. */
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 1000 })]);
  }

  /** Readiness: the database and every registered dependency (the mood sidecar) answer; 503 otherwise. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 1000 }),
      ...this.readiness.entries().map(([key, check]) => () => this.indicate(key, check)),
    ]);
  }

  private async indicate(key: string, check: ReadinessCheck) {
    const indicator = this.indicators.check(key);
    try {
      return indicator.up(await check());
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
