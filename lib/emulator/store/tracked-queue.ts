import type { ClientKey } from './options';
import { ClientState, type QueueRow } from './rows';

// A transaction reads each queue row once, changes it in memory and writes it back once at its end.

/** A queue row held for the current transaction; `dirty` when it must be written back at its end. */
export type TrackedQueue = QueueRow & { dirty?: boolean };

const ACCESS_WRITE_INTERVAL_MS = 1000;

/** Every access to a queue counts for `accessedAt` (written at most once a second). */
export function touch(queue: TrackedQueue, now: number) {
  if (now - queue.accessed_at >= ACCESS_WRITE_INTERVAL_MS) {
    queue.accessed_at = now;
    queue.dirty = true;
  }
}

/** Counts the client of a call that carries a clientKey, for `hadMultipleClients`. */
export function registerClient(queue: TrackedQueue, clientKey: ClientKey) {
  if (queue.client_state === ClientState.NoClient) {
    queue.client_state = ClientState.OneClient;
    queue.first_client = clientKey ?? null;
    queue.dirty = true;
  } else if (
    queue.client_state === ClientState.OneClient &&
    (clientKey === undefined || queue.first_client !== clientKey)
  ) {
    queue.client_state = ClientState.MultipleClients;
    queue.dirty = true;
  }
}

export function markModified(queue: TrackedQueue, now: number) {
  queue.modified_at = Math.max(now, queue.modified_at);
  queue.accessed_at = now;
  queue.dirty = true;
}

/** A new place in the queue at time `at`: the end (+) or the front (−). */
export function nextPosition(queue: TrackedQueue, forefront: boolean, at: number): [number, number] {
  const seq = queue.next_seq;
  queue.next_seq += 1;
  queue.dirty = true;
  return forefront ? [-at, -seq] : [at, seq];
}
