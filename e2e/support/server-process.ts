import { type ChildProcess, spawn } from 'node:child_process';

export interface ServerProcess {
  process: ChildProcess;
  /** Stops the process with `signal` and waits until it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Runs `node <args>` with `env` and waits (up to 60 s) until `isReady` says it serves; if it exits or
 * never answers, the error carries everything it printed.
 */
export async function startServerProcess(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  isReady: () => Promise<boolean>,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited early:\n${output}`);
    if (await isReady().catch(() => false)) break;
    if (Date.now() > deadline) throw new Error(`${name} did not answer:\n${output}`);
    await new Promise((wait) => setTimeout(wait, 200));
  }
  return {
    process: child,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
