import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { SidecarClient } from '../../inference/sidecar.client';

/** Ready only when the mood sidecar answers its /health. */
@Injectable()
export class SidecarHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly sidecar: SidecarClient,
  ) {}

  async isHealthy(key: string) {
    const indicator = this.indicators.check(key);
    try {
      const body = (await this.sidecar.health()) as { model?: unknown };
      return indicator.up({ model: typeof body?.model === 'string' ? body.model : 'unknown' });
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
