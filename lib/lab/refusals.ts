import type { ActionError } from '../types';

// What a refused lab step means for the request it aimed at. The gateway maps the API's
// `invalid-client-key` / `request-handled-or-locked` to `lock-conflict`; a prolong or unlock of a
// request whose lock ran out is a plain 400 ("… is not locked: its lock has expired …").

type LockRefusal = 'held-by-another' | 'expired' | 'already-handled';

/** Why a step on a request's lock was refused, or null when the refusal is about something else. */
export function lockRefusal(error: ActionError): LockRefusal | null {
  if (error.code === 'lock-conflict') return 'held-by-another';
  if (error.code !== 'invalid-input') return null;
  if (/already handled/i.test(error.message)) return 'already-handled';
  if (/not locked|expired/i.test(error.message)) return 'expired';
  return null;
}

/** The lock is gone (expired, handled, or another client holds it): the request is no longer ours. */
export const lostTheLock = (error: ActionError) => error.code === 'not-found' || lockRefusal(error) !== null;
