import { E2E_TOKEN } from './env';
import { type ServerProcess, startServerProcess } from './server-process';

/** A private `next start` of the current build on `port`, keeping its state in `dataDir`. */
export function startDashboard(port: number, dataDir: string): Promise<ServerProcess> {
  return startServerProcess(
    'next start',
    ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', `${port}`],
    { ...process.env, PORT: `${port}`, HEADLOCK_DATA_DIR: dataDir, EMULATOR_TOKEN: E2E_TOKEN, EMULATOR_SEED: '0' },
    () => fetch(`http://127.0.0.1:${port}/connect`).then((response) => response.ok),
  );
}
