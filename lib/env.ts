import 'server-only';
import { emulatorToken, sessionSecretFrom } from './data-dir';

const LOOPBACK_ORIGIN = /^http:\/\/(127(\.\d{1,3}){3}|localhost|\[::1\])(:\d{1,5})?$/;

/** Where the real Apify API is (`APIFY_API_BASE_URL`, https unless it is a loopback test server). */
export function apifyBaseUrl(): string {
  const value = (process.env.APIFY_API_BASE_URL ?? 'https://api.apify.com').replace(/\/+$/, '');
  const url = new URL(value);
  if (url.protocol !== 'https:' && !LOOPBACK_ORIGIN.test(url.origin)) {
    throw new Error('APIFY_API_BASE_URL must be an https:// URL (or a loopback http:// URL for tests)');
  }
  return value;
}

// Read once per process: every action needs them, and they cannot change while the server runs.
let emulator: { baseUrl: string; token: string } | undefined;
let secret: string | undefined;

/** The embedded emulator, reached over loopback HTTP like any other API. */
export function emulatorTarget(): { baseUrl: string; token: string } {
  if (!emulator) {
    const origin = process.env.HEADLOCK_EMULATOR_ORIGIN ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}`;
    if (!LOOPBACK_ORIGIN.test(origin)) throw new Error('HEADLOCK_EMULATOR_ORIGIN must be a loopback http:// origin');
    emulator = { baseUrl: `${origin}/emulator`, token: emulatorToken().token };
  }
  return emulator;
}

/** SESSION_SECRET, or one generated once into the data directory for local use. */
export function sessionSecret(): string {
  if (!secret) {
    const value = sessionSecretFrom();
    if (value.length < 32) throw new Error('SESSION_SECRET must be at least 32 characters');
    secret = value;
  }
  return secret;
}

/** Whether snapshots are recorded (on unless `HEADLOCK_RECORDER=off`, which the bench uses to compare). */
export const recorderEnabled = () => process.env.HEADLOCK_RECORDER !== 'off';
