import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dataDir, emulatorToken, readOrCreateSecret, sessionSecretFrom } from './data-dir';

const made: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'headlock-data-'));
  made.push(dir);
  return join(dir, 'data');
};
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the data directory and its secrets', () => {
  it('creates the directory readable only by its owner', () => {
    const dir = dataDir({ HEADLOCK_DATA_DIR: freshDir() });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('generates a secret once, owner-only, and reads the same one back', () => {
    const file = join(dataDir({ HEADLOCK_DATA_DIR: freshDir() }), 'secret');
    const first = readOrCreateSecret(file);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readOrCreateSecret(file)).toBe(first);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
  });

  it('takes the emulator token and session secret from the environment when they are set', () => {
    const env = { HEADLOCK_DATA_DIR: freshDir(), EMULATOR_TOKEN: 'from-env', SESSION_SECRET: 's'.repeat(40) };
    expect(emulatorToken(env)).toEqual({ token: 'from-env', file: undefined });
    expect(sessionSecretFrom(env)).toBe('s'.repeat(40));
  });

  it('otherwise generates them into the data directory, each its own', () => {
    const env = { HEADLOCK_DATA_DIR: freshDir() };
    const emulator = emulatorToken(env);
    expect(emulator.file).toBe(join(dataDir(env), 'emulator-token'));
    expect(emulatorToken(env).token).toBe(emulator.token);
    expect(sessionSecretFrom(env)).not.toBe(emulator.token);
    expect(sessionSecretFrom(env)).toBe(readFileSync(join(dataDir(env), 'session-secret'), 'utf8').trim());
  });
});
