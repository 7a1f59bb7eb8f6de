import { ChildProcess, spawn } from 'node:child_process';
import { waitForHttp } from './ports';

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServiceProcess {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Sends a signal (if still running) and resolves once it has exited. */
  stop(signal?: NodeJS.Signals): Promise<ExitStatus>;
}

/** Starts a server process and resolves once `healthUrl` answers 2xx (or fails with its output). */
export async function spawnService(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; healthUrl: string },
): Promise<ServiceProcess> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<ExitStatus>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const running = () => child.exitCode === null && child.signalCode === null;
  try {
    await waitForHttp(options.healthUrl, 30_000, running);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- ${name} output ---\n${output}`);
  }
  return {
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (running()) child.kill(signal);
      return exited;
    },
  };
}
