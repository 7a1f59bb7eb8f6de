import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { freePort, waitForHttp } from './ports';

const SIDECAR_DIR = resolve(__dirname, '../../../python-sidecar');
const PYTHON = join(SIDECAR_DIR, '.venv/bin/python');

export interface SidecarProcess {
  url: string;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The real Python sidecar (uvicorn from python-sidecar/.venv, made by `nx run sidecar:venv`) on a free port. */
export async function startSidecar(options: { enableModel?: boolean; port?: number } = {}): Promise<SidecarProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(PYTHON, ['-m', 'uvicorn', 'app.main:app', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: SIDECAR_DIR,
    env: { PATH: process.env['PATH'], ENABLE_MODEL: options.enableModel ? '1' : '0', LOG_LEVEL: 'WARNING' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/health`, 30_000, () => child.exitCode === null && child.signalCode === null);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- sidecar output ---\n${output}`);
  }
  return {
    url,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
