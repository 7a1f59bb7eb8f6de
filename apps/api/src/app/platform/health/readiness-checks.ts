import { Injectable } from '@nestjs/common';

/** Answers with details for the health body when the dependency is up; throws when it is not. */
export type ReadinessCheck = () => Promise<Record<string, unknown>>;

/**
 * What `GET /health/ready` waits for besides the database. A domain that needs another service
 * adds its check here (the inference module adds the mood sidecar), so health knows no domain.
 */
@Injectable()
export class ReadinessChecks {
  private readonly checks = new Map<string, ReadinessCheck>();

  add(key: string, check: ReadinessCheck): void {
    this.checks.set(key, check);
  }

  entries(): [string, ReadinessCheck][] {
    return [...this.checks];
  }
}
