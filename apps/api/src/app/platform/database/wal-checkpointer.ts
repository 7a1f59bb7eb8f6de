import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** The worker's script: beside the bundle (a build asset) or beside this file (under Jest). */
const WORKER_SCRIPT = join(__dirname, 'wal-checkpoint.worker.cjs');

/** SQLite's own default for `wal_autocheckpoint`, put back when the worker is not running. */
export const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

/** How often the worker checkpoints. The WAL grows by at most this much of writes in between. */
export const WAL_CHECKPOINT_INTERVAL_MS = 1000;

export type CheckpointMessage =
  | { type: 'ready' }
  | { type: 'stopped' }
  | { type: 'checkpoint'; startedAt: number; busy: number; log: number; checkpointed: number }
  | { type: 'error'; message: string };

/** Runs a pragma on the API's own connection. */
export type Pragma = (sql: string) => Promise<unknown>;

/**
 * Moves SQLite's WAL checkpoints off the event loop. SQLite checkpoints inside the COMMIT that
 * crosses `wal_autocheckpoint` pages, fsync included; better-sqlite3 runs that on the main
 * thread, so every client waits for the disk (the lobby benchmark saw single COMMITs of 230 ms
 * stall every delivery). Here the API's connection never checkpoints; a worker thread with a
 * connection of its own does, every `intervalMs`. Should the worker fail, auto-checkpoints are
 * turned back on, so the WAL never grows unchecked.
 */
export class WalCheckpointer {
  private readonly logger = new Logger(WalCheckpointer.name);
  private worker: Worker | null = null;
  private stopping: Promise<void> | null = null;

  constructor(
    private readonly databasePath: string,
    private readonly pragma: Pragma,
    private readonly intervalMs = WAL_CHECKPOINT_INTERVAL_MS,
    private readonly onMessage: (message: CheckpointMessage) => void = () => undefined,
  ) {}

  get running(): boolean {
    return this.worker !== null;
  }

  /** Starts the worker; resolves once its connection is open and auto-checkpoints are off. */
  async start(): Promise<void> {
    if (this.worker) return;
    const worker = new Worker(WORKER_SCRIPT, { workerData: { path: this.databasePath, intervalMs: this.intervalMs } });
    // Never what keeps the process alive: the database's own close checkpoints what is left.
    worker.unref();
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (message: CheckpointMessage) =>
        message.type === 'ready' ? resolve() : reject(new Error(message.type === 'error' ? message.message : `unexpected ${message.type}`)),
      );
      worker.once('error', (error) => reject(error instanceof Error ? error : new Error(`the checkpoint worker failed: ${String(error)}`)));
    });
    this.worker = worker;
    worker.on('message', (message: CheckpointMessage) => {
      if (message.type === 'error') this.logger.warn(`WAL checkpoint failed: ${message.message}`);
      this.onMessage(message);
    });
    worker.on('error', (error) => this.fallBack(worker, error));
    worker.on('exit', (code) => this.fallBack(worker, new Error(`exited with code ${code}`)));
    await this.pragma('PRAGMA wal_autocheckpoint = 0');
  }

  /** Stops the worker (its connection closed) and gives checkpointing back to SQLite. */
  stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return this.stopping ?? Promise.resolve();
    this.worker = null;
    this.stopping = (async () => {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('stop');
      await exited;
      await this.pragma(`PRAGMA wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES}`);
    })();
    return this.stopping;
  }

  private fallBack(worker: Worker, error: unknown): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.logger.error({ err: error }, 'the WAL checkpoint worker stopped; SQLite checkpoints on commit again');
    void this.pragma(`PRAGMA wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES}`).catch(() => undefined);
  }
}
