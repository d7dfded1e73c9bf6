import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ApifyClient } from 'apify-client';
import { E2E_EMULATOR_URL, E2E_TOKEN } from './env';
import { type ServerProcess, startServerProcess } from './server-process';

/** The real apify-client pointed at the e2e server's embedded emulator; no retries hide failures. */
export function emulatorClient(options: { baseUrl?: string; token?: string } = {}) {
  return new ApifyClient({
    baseUrl: options.baseUrl ?? E2E_EMULATOR_URL,
    token: options.token ?? E2E_TOKEN,
    maxRetries: 0,
    timeoutSecs: 30,
  });
}

/** A queue of its own for one test: a unique name, so tests never share state. */
export async function freshQueue(client: ApifyClient, label: string) {
  const name = `${label}-${randomBytes(4).toString('hex')}`.slice(0, 63);
  return client.requestQueues().getOrCreate(name);
}

export const uniqueKeys = (count: number, prefix = 'https://example.com/p/') =>
  Array.from({ length: count }, (_, i) => ({ url: `${prefix}${i}`, uniqueKey: `${prefix}${i}` }));

export interface StandaloneEmulator extends ServerProcess {
  baseUrl: string;
  token: string;
  dbFile: string;
}

/** Starts `npm run emulator`'s server (plain node:http) on its own port and database file. */
export async function startStandaloneEmulator(options: {
  port: number;
  dbFile?: string;
  seed?: boolean;
}): Promise<StandaloneEmulator> {
  const dir = resolve('test-results', 'standalone', String(options.port));
  mkdirSync(dir, { recursive: true });
  const dbFile = options.dbFile ?? join(dir, `emulator-${Date.now()}.sqlite`);
  const token = `standalone-${randomBytes(8).toString('hex')}`;
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const server = await startServerProcess(
    'standalone emulator',
    ['--import', 'tsx', 'lib/emulator/cli/standalone.ts'],
    {
      ...process.env,
      EMULATOR_PORT: String(options.port),
      EMULATOR_DB: dbFile,
      EMULATOR_TOKEN: token,
      HEADLOCK_DATA_DIR: dir,
      EMULATOR_SEED: options.seed ? '1' : '0',
    },
    () => fetch(`${baseUrl}/v2/users/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.ok),
  );
  return { baseUrl, token, dbFile, ...server };
}
