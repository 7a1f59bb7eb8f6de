import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { WalCheckpointer } from './wal-checkpointer';

/**
 * Runs units of work in a transaction. SQLite has one connection shared by every query, so
 * two async transactions would interleave their statements on it; here they queue up and run
 * one after another. PostgreSQL uses its pool and needs no queue. A SQLite file's WAL is
 * checkpointed by a worker thread, not by the COMMITs on the event loop (`WalCheckpointer`).
 */
@Injectable()
export class DatabaseService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DatabaseService.name);
  private tail: Promise<unknown> = Promise.resolve();
  private checkpointer: WalCheckpointer | null = null;
  private readonly isSqlite: boolean;

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.isSqlite = dataSource.options.type === 'better-sqlite3';
  }

  async onApplicationBootstrap(): Promise<void> {
    const path = this.isSqlite ? String(this.dataSource.options.database) : '';
    if (!path || path === ':memory:') return;
    const checkpointer = new WalCheckpointer(path, (sql) => this.dataSource.query(sql));
    try {
      await checkpointer.start();
      this.checkpointer = checkpointer;
    } catch (error) {
      this.logger.warn({ err: error }, 'no WAL checkpoint worker; SQLite checkpoints on commit');
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.checkpointer?.stop();
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isSqlite) return this.dataSource.transaction(work);
    const run = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Waits for queued SQLite transactions, stops the checkpoint worker, then checkpoints the
   * whole WAL into the main file and truncates it.
   */
  async checkpoint(): Promise<void> {
    await this.checkpointer?.stop();
    await this.tail;
    if (this.isSqlite && this.dataSource.isInitialized) {
      await this.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
    }
  }
}
