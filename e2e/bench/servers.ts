import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { buildState } from '../../lib/build-state';

/** The bench's own port ranges, so it can run beside the e2e servers (3100–3299). */
export const NEXT_PORTS = [3300, 3399] as const;
export const EMULATOR_PORTS = [8900, 8999] as const;

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePort) => {
    const probe = createServer();
    probe.once('error', () => resolvePort(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolvePort(true)));
  });
}

export async function freePort([first, last]: readonly [number, number]): Promise<number> {
  for (let port = first; port <= last; port += 1) if (await portIsFree(port)) return port;
  throw new Error(`no free port in ${first}–${last}`);
}

export interface Server {
  origin: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

async function waitUntilReady(child: ChildProcess, url: string, headers: Record<string, string>, output: () => string) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    const ready = await fetch(url, { headers })
      .then((response) => response.status < 500)
      .catch(() => false);
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`server did not answer ${url} in 120 s:\n${output()}`);
    await new Promise((wait) => setTimeout(wait, 250));
  }
}

/** Starts a child whose PID is the listening server itself, and stops exactly that PID. */
async function startServer(
  args: string[],
  env: Record<string, string>,
  port: number,
  readyPath: string,
  headers: Record<string, string>,
): Promise<Server> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilReady(child, `${origin}${readyPath}`, headers, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, port, pid: child.pid as number, stop };
}

/** `npm run emulator`'s server (plain node:http), on its own copy of the fixture. */
export async function startStandalone(dbFile: string, dataDir: string, token: string): Promise<Server> {
  const port = await freePort(EMULATOR_PORTS);
  return startServer(
    ['--import', 'tsx', 'lib/emulator/cli/standalone.ts'],
    {
      EMULATOR_PORT: String(port),
      EMULATOR_DB: dbFile,
      EMULATOR_TOKEN: token,
      EMULATOR_SEED: '0',
      HEADLOCK_DATA_DIR: dataDir,
    },
    port,
    '/v2/users/me',
    { authorization: `Bearer ${token}` },
  );
}

/** `next start` of the bench's copy of the build, spawned without npx so that its PID is the server's. */
export async function startNext(appDir: string, dbFile: string, dataDir: string, token: string): Promise<Server> {
  const port = await freePort(NEXT_PORTS);
  return startServer(
    [resolve('node_modules/next/dist/bin/next'), 'start', appDir, '-H', '127.0.0.1', '-p', String(port)],
    {
      PORT: String(port),
      EMULATOR_DB: dbFile,
      EMULATOR_TOKEN: token,
      EMULATOR_SEED: '0',
      HEADLOCK_DATA_DIR: dataDir,
    },
    port,
    '/emulator/v2/users/me',
    { authorization: `Bearer ${token}` },
  );
}

/**
 * Builds the app when there is no build or the sources are newer (the rule `npm start` follows).
 * `BENCH_SKIP_BUILD=1` uses whatever build exists, e.g. while other processes serve from `.next`.
 */
export function buildIfNeeded(log: (line: string) => void): void {
  const state = buildState();
  if (state === 'current' || (state === 'stale' && process.env.BENCH_SKIP_BUILD === '1')) return;
  log(
    state === 'missing'
      ? 'no build yet: running next build…'
      : 'sources changed since the last build: running next build…',
  );
  const result = spawnSync(process.execPath, [resolve('node_modules/next/dist/bin/next'), 'build'], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    // Build output goes to stderr: stdout is kept for the results table.
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
}

const readBuildId = (dir: string) => {
  const file = join(dir, '.next', 'BUILD_ID');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
};

/**
 * A private copy of the build (12 MB without the cache) in `bench-results/app`, which `next start`
 * serves: a `next build` started elsewhere in this checkout meanwhile cannot pull it from under us.
 * Its `node_modules` is a link to the checkout's, as `.next/node_modules` links point there.
 */
export function snapshotBuild(log: (line: string) => void): string {
  const appDir = resolve('bench-results', 'app');
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const buildId = readBuildId('.');
    if (buildId === null) throw new Error('there is no build in .next');
    if (readBuildId(appDir) === buildId) return appDir;
    rmSync(appDir, { recursive: true, force: true });
    mkdirSync(appDir, { recursive: true });
    symlinkSync(resolve('node_modules'), join(appDir, 'node_modules'));
    cpSync('package.json', join(appDir, 'package.json'));
    cpSync('next.config.mjs', join(appDir, 'next.config.mjs'));
    cpSync('.next', join(appDir, '.next'), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (source) => !source.startsWith(join('.next', 'cache')),
    });
    if (readBuildId('.') === buildId) {
      log(`copied build ${buildId} to ${appDir}`);
      return appDir;
    }
  }
  throw new Error('.next kept changing while it was copied (is a next build running?)');
}
