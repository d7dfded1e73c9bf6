import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallLog } from './book';

// The session whose gateway call is running, for the HTTP calls apify-client makes on its behalf
// (retries included: the context follows the call through timers and promises). One storage per
// process, on globalThis, so the capture in lib/apify/client.ts sees what lib/actions/context.ts set.
const holder = globalThis as typeof globalThis & { __headlockApiLogContext?: AsyncLocalStorage<CallLog> };
holder.__headlockApiLogContext ??= new AsyncLocalStorage<CallLog>();
const storage = holder.__headlockApiLogContext;

/** Runs `call` with its HTTP calls logged to `log`. */
export function loggingTo<T>(log: CallLog, call: () => T): T {
  return storage.run(log, call);
}

/** The call log of the running gateway call; none outside a session (e.g. while connecting). */
export const currentCallLog = (): CallLog | undefined => storage.getStore();
