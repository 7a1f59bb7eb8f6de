import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabase, dropTestDatabase } from './database';
import { freePort } from './ports';
import { spawnService } from './service-process';

const WORKSPACE = resolve(__dirname, '../../..');
/** The built API (`nx build api`). */
export const API_MAIN = join(WORKSPACE, 'dist/apps/api/main.js');

/**
 * The environment an API process under test or benchmark starts with: its port and database,
 * warnings-only logs, and a sidecar URL where nothing listens (inference fails and retries)
 * unless `env` names a real one. `env` adds to or overrides all but the database.
 */
export function apiEnv(options: { port: number; databaseUrl: string; env?: NodeJS.ProcessEnv }): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    PORT: String(options.port),
    SIDECAR_URL: 'http://127.0.0.1:9',
    LOG_LEVEL: 'warn',
    ...options.env,
    DATABASE_URL: options.databaseUrl,
  };
}

export interface ApiServer {
  url: string;
  port: number;
  /** The folder holding this server's SQLite file (none on PostgreSQL) and generated secret. */
  dataDir: string;
  databaseUrl: string;
  process: ChildProcess;
  output(): string;
  /** Sends a signal and resolves with the exit code (or the signal) once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
  /** Starts a fresh process on the same port, database and secret. */
  restart(): Promise<ApiServer>;
  /** Stops the process if running and deletes the data it was started with (folder and database). */
  dispose(): Promise<void>;
}

export interface ApiServerOptions {
  env?: Record<string, string>;
  /** Use this folder (and keep it); default a new temp folder, deleted by dispose(). */
  dataDir?: string;
  port?: number;
}

/** What a restarted server inherits from the first: the data, and whether dispose() deletes it. */
interface Inherited {
  databaseUrl: string;
  ownsDatabase: boolean;
  ownsDataDir: boolean;
}

/**
 * Starts the built API (`nx build api`) as its own process on a free port, with a fresh database
 * (a SQLite file, or a PostgreSQL database under TEST_DATABASE=postgres) unless DATABASE_URL is given.
 */
export function startApi(options: ApiServerOptions = {}): Promise<ApiServer> {
  return launch(options);
}

async function launch(options: ApiServerOptions, inherited?: Inherited): Promise<ApiServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'moodlobby-e2e-'));
  const port = options.port ?? (await freePort());
  const given = options.env?.['DATABASE_URL'];
  const data: Inherited = inherited ?? {
    databaseUrl: given ?? (await createTestDatabase(dataDir)),
    ownsDatabase: !given,
    ownsDataDir: !options.dataDir,
  };
  const env = apiEnv({ port, databaseUrl: data.databaseUrl, env: { NODE_ENV: 'test', CORS_ORIGIN: 'http://localhost:5173', ...options.env } });
  const url = `http://127.0.0.1:${port}`;
  const service = await spawnService('server', { command: process.execPath, args: [API_MAIN], cwd: dataDir, env }, `${url}/health`);

  const server: ApiServer = {
    url,
    port,
    dataDir,
    databaseUrl: data.databaseUrl,
    process: service.child,
    output: service.output,
    async stop(signal = 'SIGTERM') {
      const started = Date.now();
      const result = await service.stop(signal);
      return { ...result, ms: Date.now() - started };
    },
    async restart() {
      await server.stop();
      return launch({ ...options, dataDir, port }, data);
    },
    async dispose() {
      await server.stop('SIGKILL');
      if (data.ownsDatabase) await dropTestDatabase(data.databaseUrl);
      if (data.ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}
