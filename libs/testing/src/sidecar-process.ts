import { join, resolve } from 'node:path';
import { freePort } from './ports';
import { ExitStatus, Launch, spawnService } from './service-process';

export const SIDECAR_DIR = resolve(__dirname, '../../../python-sidecar');
/** The sidecar's virtualenv Python (made by `nx run sidecar:venv`, or python-sidecar/scripts/ensure-venv.mjs). */
export const SIDECAR_PYTHON = join(SIDECAR_DIR, '.venv/bin/python');

/** The real Python sidecar (uvicorn) on 127.0.0.1:`port`: the stub model unless `enableModel`. */
export function sidecarLaunch(options: { port: number; enableModel?: boolean }): Launch {
  return {
    command: SIDECAR_PYTHON,
    args: ['-m', 'uvicorn', 'app.main:app', '--host', '127.0.0.1', '--port', String(options.port)],
    cwd: SIDECAR_DIR,
    env: { PATH: process.env['PATH'], ENABLE_MODEL: options.enableModel ? '1' : '0', LOG_LEVEL: 'WARNING' },
  };
}

export interface SidecarProcess {
  url: string;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<ExitStatus>;
}

/** Starts the real sidecar on a free port and waits for its /health. */
export async function startSidecar(options: { enableModel?: boolean; port?: number } = {}): Promise<SidecarProcess> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const service = await spawnService('sidecar', sidecarLaunch({ port, enableModel: options.enableModel }), `${url}/health`);
  return { url, output: service.output, stop: service.stop };
}
