import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface EmulatorConfig {
  dataDir: string;
  /** SQLite file, or `:memory:`. */
  dbFile: string;
  token: string;
  tokenFile: string | undefined;
  /** Seed the demo queues on first start (`EMULATOR_SEED=0` turns it off). */
  seed: boolean;
}

/** Reads the emulator's settings from the environment, creating `.data/` and the token on first use. */
export function loadEmulatorConfig(env: NodeJS.ProcessEnv = process.env): EmulatorConfig {
  // The data paths come from the environment at run time, not from the build's file tracing.
  const dataDir = resolve(/*turbopackIgnore: true*/ env.HEADLOCK_DATA_DIR ?? '.data');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const dbFile =
    env.EMULATOR_DB === ':memory:'
      ? ':memory:'
      : resolve(/*turbopackIgnore: true*/ env.EMULATOR_DB ?? join(dataDir, 'emulator.sqlite'));
  const seed = env.EMULATOR_SEED !== '0';
  if (env.EMULATOR_TOKEN) return { dataDir, dbFile, token: env.EMULATOR_TOKEN, tokenFile: undefined, seed };
  const tokenFile = join(dataDir, 'emulator-token');
  return { dataDir, dbFile, token: readOrCreateSecret(tokenFile), tokenFile, seed };
}

/** A random secret kept in a file readable only by its owner; created once, then reused. */
export function readOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  // Written aside, then linked into place: a reader never sees a half-written file, and if
  // another process got there first, we use its secret.
  const draft = `${file}.${process.pid}.tmp`;
  writeFileSync(draft, `${secret}\n`, { mode: 0o600 });
  try {
    linkSync(draft, file);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  } finally {
    unlinkSync(draft);
  }
}
