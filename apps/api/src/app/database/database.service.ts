import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { postgresDialect, SqlDialect, sqliteDialect } from './sql-dialect';

/**
 * Runs units of work in a transaction. SQLite has one connection shared by every query, so
 * two async transactions would interleave their statements on it; here they queue up and run
 * one after another. PostgreSQL uses its pool and needs no queue.
 */
@Injectable()
export class DatabaseService {
  private tail: Promise<unknown> = Promise.resolve();
  readonly isSqlite: boolean;
  readonly dialect: SqlDialect;

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.isSqlite = dataSource.options.type === 'better-sqlite3';
    this.dialect = this.isSqlite ? sqliteDialect : postgresDialect;
  }

  /** A read-only aggregate query, with rows normalised to plain objects. */
  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.dataSource.query(sql, params)) as T[];
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isSqlite) return this.dataSource.transaction(work);
    const run = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Waits for queued SQLite transactions; then checkpoints the WAL into the main file. */
  async checkpoint(): Promise<void> {
    await this.tail;
    if (this.isSqlite && this.dataSource.isInitialized) {
      await this.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
    }
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
