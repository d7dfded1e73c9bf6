import { join, resolve } from 'node:path';
import { dataDir, emulatorToken } from '../data-dir';

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
  const dir = dataDir(env);
  const dbFile =
    env.EMULATOR_DB === ':memory:'
      ? ':memory:'
      : resolve(/*turbopackIgnore: true*/ env.EMULATOR_DB ?? join(dir, 'emulator.sqlite'));
  const { token, file } = emulatorToken(env);
  return { dataDir: dir, dbFile, token, tokenFile: file, seed: env.EMULATOR_SEED !== '0' };
}
