import { spawn } from 'node:child_process';
import { E2E_TOKEN } from './env';

export interface DashboardServer {
  /** SIGTERM, then waits until the process has exited (next start serves in this one process). */
  stop(): Promise<void>;
}

/** A private `next start` of the current build on `port`, keeping its state in `dataDir`. */
export async function startDashboard(port: number, dataDir: string): Promise<DashboardServer> {
  const child = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', `${port}`],
    {
      env: {
        ...process.env,
        PORT: `${port}`,
        HEADLOCK_DATA_DIR: dataDir,
        EMULATOR_TOKEN: E2E_TOKEN,
        EMULATOR_SEED: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited early:\n${output}`);
    const ready = await fetch(`http://127.0.0.1:${port}/connect`)
      .then((response) => response.ok)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`next start did not answer:\n${output}`);
    await new Promise((wait) => setTimeout(wait, 200));
  }
  return {
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
