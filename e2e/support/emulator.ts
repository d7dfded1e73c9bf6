import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ApifyClient } from 'apify-client';
import { E2E_EMULATOR_URL, E2E_TOKEN } from './env';

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

export interface StandaloneEmulator {
  baseUrl: string;
  token: string;
  dbFile: string;
  process: ChildProcess;
  /** Stops the process with `signal` and waits until it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
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
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/emulator/cli/standalone.ts'], {
    env: {
      ...process.env,
      EMULATOR_PORT: String(options.port),
      EMULATOR_DB: dbFile,
      EMULATOR_TOKEN: token,
      HEADLOCK_DATA_DIR: dir,
      EMULATOR_SEED: options.seed ? '1' : '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`standalone emulator exited early:\n${output}`);
    const ready = await fetch(`${baseUrl}/v2/users/me`, { headers: { authorization: `Bearer ${token}` } })
      .then((response) => response.ok)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`standalone emulator did not start:\n${output}`);
    await new Promise((wait) => setTimeout(wait, 200));
  }
  return {
    baseUrl,
    token,
    dbFile,
    process: child,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
