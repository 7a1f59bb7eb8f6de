import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DatabaseService } from '../database/database.service';

/** How long clients told `server:shutdown` wait before reconnecting. */
export const RECONNECT_AFTER_SHUTDOWN_MS = 1000;

/**
 * The stages of a graceful stop, in order: `sessions` (clients told and disconnected, their
 * visits closed), then `work` (jobs in flight finished or handed back); the SQLite WAL is
 * checkpointed last. Domains add their steps (lobby and inference do, from their modules).
 */
export const SHUTDOWN_STAGES = ['sessions', 'work'] as const;
export type ShutdownStage = (typeof SHUTDOWN_STAGES)[number];

/** Runs the graceful stop; after it Nest closes the HTTP server and TypeORM the database. */
@Injectable()
export class ShutdownService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ShutdownService.name);
  private readonly steps = new Map<ShutdownStage, (() => Promise<void>)[]>(SHUTDOWN_STAGES.map((stage) => [stage, []]));

  constructor(private readonly db: DatabaseService) {}

  /** Adds a step to a stage; the steps of one stage run together, the stages one after another. */
  add(stage: ShutdownStage, step: () => Promise<void>): void {
    this.steps.get(stage)?.push(step);
  }

  async beforeApplicationShutdown(): Promise<void> {
    const started = Date.now();
    for (const stage of SHUTDOWN_STAGES) {
      await Promise.all((this.steps.get(stage) ?? []).map((step) => step()));
    }
    await this.db.checkpoint();
    this.logger.log(`sessions closed, jobs released, database checkpointed in ${Date.now() - started} ms`);
  }
}
