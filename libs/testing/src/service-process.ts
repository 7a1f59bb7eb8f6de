import { ChildProcess, spawn } from 'node:child_process';
import { waitForHttp } from './ports';

/** How to start a server process (the API, the sidecar): what the e2e suites and the benchmarks share. */
export interface Launch {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A started process, however it was started (spawned here, or on the benchmarks' leash). */
export interface StartedProcess {
  name: string;
  alive(): boolean;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Ends it at once (SIGKILL). */
  kill(): unknown;
}

/** Waits for a started process's health URL; on failure kills it and throws with its output. */
export async function waitUntilHealthy(service: StartedProcess, healthUrl: string, timeoutMs = 30_000): Promise<void> {
  try {
    await waitForHttp(healthUrl, { timeoutMs, isAlive: () => service.alive() });
  } catch (error) {
    await service.kill();
    throw new Error(`${(error as Error).message}\n--- ${service.name} output ---\n${service.output()}`);
  }
}

export interface ServiceProcess {
  child: ChildProcess;
  output(): string;
  /** Sends a signal (if still running) and resolves once it has exited. */
  stop(signal?: NodeJS.Signals): Promise<ExitStatus>;
}

/** Starts a server process and resolves once `healthUrl` answers 2xx (or fails with its output). */
export async function spawnService(name: string, launch: Launch, healthUrl: string): Promise<ServiceProcess> {
  const child = spawn(launch.command, launch.args, { cwd: launch.cwd, env: launch.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<ExitStatus>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  const alive = () => child.exitCode === null && child.signalCode === null;
  await waitUntilHealthy({ name, alive, output: () => output, kill: () => child.kill('SIGKILL') }, healthUrl);
  return {
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (alive()) child.kill(signal);
      return exited;
    },
  };
}
