import { join, resolve } from 'node:path';
import { freePort } from './ports';
import { ExitStatus, spawnService } from './service-process';

const SIDECAR_DIR = resolve(__dirname, '../../../python-sidecar');
const PYTHON = join(SIDECAR_DIR, '.venv/bin/python');

export interface SidecarProcess {
  url: string;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<ExitStatus>;
}

/** The real Python sidecar (uvicorn from python-sidecar/.venv, made by `nx run sidecar:venv`) on a free port. */
export async function startSidecar(options: { enableModel?: boolean; port?: number } = {}): Promise<SidecarProcess> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const service = await spawnService('sidecar', PYTHON, ['-m', 'uvicorn', 'app.main:app', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: SIDECAR_DIR,
    env: { PATH: process.env['PATH'], ENABLE_MODEL: options.enableModel ? '1' : '0', LOG_LEVEL: 'WARNING' },
    healthUrl: `${url}/health`,
  });
  return { url, output: service.output, stop: service.stop };
}
