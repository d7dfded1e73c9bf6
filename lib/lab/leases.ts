import { placeStep } from './placement';
import type { LabLogEntry, LaneId } from './types';

// Leases: one lane's hold of one request, from the lock that granted it to the step that ended it,
// or to its expiry. Built from the browser's log alone; the server's clock is in every timestamp.

type LeaseEnd = 'handled' | 'unlocked' | 'failed' | 'expired' | 'open';

export interface Lease {
  requestId: string;
  lane: LaneId;
  /** Exact: the lock's expiry minus its lockSecs (the server computed one from the other). */
  grantedAt: number;
  /** The latest expiry, after successful prolongs. */
  expiresAt: number;
  endedAt: number | null;
  end: LeaseEnd;
  /** The ordering key's sign at grant: true when the request would return to the front. */
  front: boolean;
  /** The lock call, the prolong calls and the ending calls, failed ones included. */
  callIds: number[];
  seqs: number[];
}

const ENDS = { handled: 'handled', unlock: 'unlocked', fail: 'failed' } as const;

function attach(lease: Lease, entry: LabLogEntry) {
  lease.seqs.push(entry.seq);
  lease.callIds.push(...entry.calls.map((call) => call.id));
}

function expire(lease: Lease) {
  lease.end = 'expired';
  lease.endedAt = lease.expiresAt;
}

/** A successful prolong moves an open lease's expiry; a successful handled, unlock or fail ends it. */
function settle(lease: Lease, { outcome, startedAt }: LabLogEntry) {
  if (outcome?.op === 'prolong') lease.expiresAt = Date.parse(outcome.lockExpiresAt);
  else if (outcome?.op === 'handled' || outcome?.op === 'unlock' || outcome?.op === 'fail') {
    const stepStart = Date.parse(startedAt);
    // A step that started after the expiry found the lease over (a late PUT may still succeed).
    if (stepStart >= lease.expiresAt) expire(lease);
    else {
      lease.end = ENDS[outcome.op];
      lease.endedAt = stepStart;
    }
  }
}

/** The leases in the log, in grant order. `seededForefront` tells where the queue's first requests sit. */
export function leasesOf(log: LabLogEntry[], nowMs: number, seededForefront: string[] = []): Lease[] {
  const leases: Lease[] = [];
  const latest = new Map<string, Lease>();
  const front = new Set(seededForefront);
  const keyOf = (lane: LaneId, requestId: string) => `${lane} ${requestId}`;

  for (const entry of log) {
    const { op, outcome } = entry;
    if (outcome?.op === 'lock') {
      for (const item of outcome.items) {
        const expiresAt = Date.parse(item.lockExpiresAt);
        const grantedAt = expiresAt - outcome.lockSecs * 1000;
        for (const other of leases) {
          if (other.requestId === item.id && other.end === 'open' && other.expiresAt <= grantedAt) expire(other);
        }
        const lease: Lease = {
          requestId: item.id,
          lane: entry.lane,
          grantedAt,
          expiresAt,
          endedAt: null,
          end: 'open',
          front: front.has(item.id),
          callIds: [],
          seqs: [],
        };
        attach(lease, entry);
        leases.push(lease);
        latest.set(keyOf(entry.lane, item.id), lease);
      }
    } else if (op.op !== 'lock' && op.op !== 'read') {
      const lease = latest.get(keyOf(entry.lane, op.requestId));
      if (lease) {
        attach(lease, entry);
        if (lease.end === 'open') settle(lease, entry);
      }
    }
    placeStep(front, entry);
  }
  for (const lease of leases) if (lease.end === 'open' && lease.expiresAt <= nowMs) expire(lease);
  return leases;
}
