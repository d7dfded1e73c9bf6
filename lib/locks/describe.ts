import { formatCount } from '../format';
import type { Landing, LockEndCause, LockRow } from './lock-book';

// Plain words for what happened to a lock, shown on the queue page.

const CAUSES: Record<LockEndCause, string> = {
  expired: 'Expired',
  released: 'Ended before its expiry (released or handled by its holder)',
  unlocked: 'Unlocked by you, to the end',
  'unlocked-front': 'Unlocked by you, to the front',
  'unlocked-all': 'Unlocked by you (Unlock all mine)',
  handled: 'Marked handled by you',
};

function landingText(landing: Landing): string {
  switch (landing.kind) {
    case 'unknown':
      return 'checking where it went…';
    case 'head':
      return landing.waiting === null
        ? `back in the head at #${formatCount(landing.position)}`
        : `back in the head at #${formatCount(landing.position)} of ${formatCount(landing.waiting)}`;
    case 'taken':
      return landing.by === null ? 'then locked by a call without clientKey' : `then taken by ${landing.by}`;
    case 'handled':
      return 'it leaves the head for good';
    case 'beyond':
      return `back in the queue, behind the first ${formatCount(landing.shown)} shown: locating…`;
    case 'not-waiting':
      return landing.complete
        ? 'no longer waiting: handled or deleted'
        : `not in the first ${formatCount(landing.searched)} waiting`;
  }
}

/** "Expired: back in the head at #3 of 12", or "Expired: checking where it went…" between snapshots. */
export function endingText(row: LockRow): string {
  if (!row.end) return `Expired: ${landingText({ kind: 'unknown' })}`;
  return `${CAUSES[row.end.cause]}: ${landingText(row.end.landing)}`;
}

/** Why the request landed where it did (spec §3.2: the lock lives in the request's ordering key). */
export function landingReason(row: LockRow): string | null {
  if (row.end?.landing.kind !== 'head') return null;
  switch (row.end.cause) {
    case 'unlocked':
      return 'Unlock without forefront puts a request after every waiting one.';
    case 'unlocked-front':
      return 'Unlock with forefront puts a request before every waiting one.';
    case 'unlocked-all':
      return 'Unlock all keeps each request’s side: the front if it was there, else the end.';
    case 'expired':
      return row.returnsTo
        ? `Prolonged ${row.returnsTo === 'front' ? 'with' : 'without'} forefront, so it came back at the ${row.returnsTo}.`
        : 'Back as of its expiry: at the front if it was locked from a forefront position, else at the end.';
    default:
      return null;
  }
}

/** A head row's mark when a lock just returned its request there. */
export function landedMark(cause: LockEndCause): string {
  return cause === 'expired' ? 'lock expired' : cause === 'released' ? 'lock released' : 'unlocked';
}
