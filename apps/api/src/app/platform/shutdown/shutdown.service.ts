import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DatabaseService } from '../database/database.service';
import { InferenceWorker } from '../../inference/inference.worker';
import { LobbyService } from '../../lobby/lobby.service';

/** How long clients told `server:shutdown` wait before reconnecting. */
export const RECONNECT_AFTER_SHUTDOWN_MS = 1000;

/**
 * The order of a graceful stop, in one place: clients are told and disconnected (their visits
 * closed), the worker stops claiming and hands back what it holds, then the SQLite WAL is
 * checkpointed. After this Nest closes the HTTP server and TypeORM the database.
 */
@Injectable()
export class ShutdownService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ShutdownService.name);

  constructor(
    private readonly lobby: LobbyService,
    private readonly worker: InferenceWorker,
    private readonly db: DatabaseService,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    const started = Date.now();
    await this.lobby.closeAll(RECONNECT_AFTER_SHUTDOWN_MS);
    await this.worker.stop();
    await this.db.checkpoint();
    this.logger.log(`sessions closed, jobs released, database checkpointed in ${Date.now() - started} ms`);
  }
}
