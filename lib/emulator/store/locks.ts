import { invalidClientKey, invalidInput } from '../errors';
import { lockExpiry } from '../request-shape';
import type { ClientKey } from './options';
import type { RequestRow } from './rows';

// Who may touch a locked request: only the client that locked it (a lock taken without clientKey is
// owned by calls without clientKey).

export const ownsLock = (row: RequestRow, clientKey: ClientKey): boolean =>
  (row.lock_client ?? undefined) === clientKey;

export const isLockedByOther = (row: RequestRow, clientKey: ClientKey, now: number): boolean =>
  lockExpiry(row.order_no, now) !== null && !ownsLock(row, clientKey);

const describeClient = (key: string | null) => (key === null ? 'a call without clientKey' : `clientKey "${key}"`);

export function assertNotLockedByOther(row: RequestRow, clientKey: ClientKey, now: number) {
  if (isLockedByOther(row, clientKey, now)) {
    throw invalidClientKey(`Request ${row.id} is locked by another client (${describeClient(row.lock_client)})`);
  }
}

/** For the calls that act on a lock (prolong, delete): the request must be locked, by this client. */
export function assertLockedBy(row: RequestRow, clientKey: ClientKey, now: number) {
  if (lockExpiry(row.order_no, now) === null) {
    const why = row.handled_at === null ? 'its lock has expired or it was never locked' : 'it is already handled';
    throw invalidInput(`Request ${row.id} is not locked: ${why}`);
  }
  if (!ownsLock(row, clientKey)) {
    throw invalidClientKey(
      `Request ${row.id} is locked by another client (${describeClient(row.lock_client)}), not by ${describeClient(clientKey ?? null)}`,
    );
  }
}
