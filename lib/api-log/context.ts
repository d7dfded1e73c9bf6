import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallRecorder } from './book';

// The session whose gateway call is running, for the HTTP calls apify-client makes on its behalf
// (retries included: the context follows the call through timers and promises). One storage per
// process, on globalThis, so the capture in lib/apify/client.ts sees what lib/actions/context.ts set.
const holder = globalThis as typeof globalThis & { __headlockApiLogContext?: AsyncLocalStorage<CallRecorder> };
holder.__headlockApiLogContext ??= new AsyncLocalStorage<CallRecorder>();
const storage = holder.__headlockApiLogContext;

/** Runs `call` with its HTTP calls recorded to `recorder`. */
export function recordingTo<T>(recorder: CallRecorder, call: () => T): T {
  return storage.run(recorder, call);
}

/** The recorder of the running gateway call; none outside a session (e.g. while connecting). */
export const currentRecorder = (): CallRecorder | undefined => storage.getStore();
