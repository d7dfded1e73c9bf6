import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// What Headlock keeps under HEADLOCK_DATA_DIR, and the secrets it generates there for local use: the
// one place both the emulator and the dashboard read them from (neither reaches into the other).
// Framework-free and relative-import-free, so the emulator can use it.

/** The environment: `process.env`, or a plain object in tests. */
type DataDirEnv = Record<string, string | undefined>;

/** `$HEADLOCK_DATA_DIR` (default `.data`), created readable only by its owner on first use. */
export function dataDir(env: DataDirEnv = process.env): string {
  // The path comes from the environment at run time, not from the build's file tracing.
  const dir = resolve(/*turbopackIgnore: true*/ env.HEADLOCK_DATA_DIR ?? '.data');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** The emulator's bearer token: `EMULATOR_TOKEN`, or one generated once into the data directory. */
export function emulatorToken(env: DataDirEnv = process.env): { token: string; file: string | undefined } {
  if (env.EMULATOR_TOKEN) return { token: env.EMULATOR_TOKEN, file: undefined };
  const file = join(dataDir(env), 'emulator-token');
  return { token: readOrCreateSecret(file), file };
}

/** The key that seals session cookies: `SESSION_SECRET`, or one generated once into the data directory. */
export function sessionSecretFrom(env: DataDirEnv = process.env): string {
  return env.SESSION_SECRET ?? readOrCreateSecret(join(dataDir(env), 'session-secret'));
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
