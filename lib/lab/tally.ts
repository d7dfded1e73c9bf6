import type { Lease } from './leases';
import type { LabLogEntry, LaneId } from './types';

// The lab's scoreboard: how many requests the lanes finished, how often work was done twice, and
// whether a request was ever granted to two lanes at once. A double grant is only claimed when the
// earlier lease was certainly still held: grants and prolongs happen at exact instants (the server
// computed their expiry from its own now), but an ending step may have acted any time during its call,
// so the lease counts as held only until that step started.

export interface DoubleGrant {
  requestId: string;
  /** The earlier holder, then the lane granted it while that lease held. */
  lanes: [LaneId, LaneId];
  at: number;
}

export interface Tally {
  /** Distinct requests the lanes marked handled that were not handled before. */
  handled: number;
  /** Handled steps that found the request already handled, or handled a request a second time. */
  handledTwice: number;
  doubleGrants: DoubleGrant[];
}

/** Until when a lease certainly held, counting the prolongs made before `moment`. */
function certainlyHeldUntil(lease: Lease, moment: number, bySeq: Map<number, LabLogEntry>): number {
  let expiry = Number.NEGATIVE_INFINITY;
  for (const seq of lease.seqs) {
    const entry = bySeq.get(seq);
    if (entry?.outcome?.op === 'lock') {
      expiry = Math.max(expiry, lease.grantedAt + entry.outcome.lockSecs * 1000);
    } else if (entry?.outcome?.op === 'prolong' && entry.op.op === 'prolong') {
      const newExpiry = Date.parse(entry.outcome.lockExpiresAt);
      if (newExpiry - entry.op.lockSecs * 1000 < moment) expiry = Math.max(expiry, newExpiry);
    }
  }
  const ended = lease.end === 'expired' || lease.endedAt === null ? Number.POSITIVE_INFINITY : lease.endedAt;
  return Math.min(expiry, lease.expiresAt, ended);
}

export function tallyOf(log: LabLogEntry[], leases: Lease[]): Tally {
  const finished = new Set<string>();
  let handledTwice = 0;
  for (const { outcome } of log) {
    if (outcome?.op !== 'handled') continue;
    if (outcome.wasAlreadyHandled || finished.has(outcome.requestId)) handledTwice++;
    else finished.add(outcome.requestId);
  }

  const bySeq = new Map(log.map((entry) => [entry.seq, entry]));
  const doubleGrants: DoubleGrant[] = [];
  leases.forEach((later, index) => {
    for (const earlier of leases.slice(0, index)) {
      if (earlier.requestId !== later.requestId || earlier.grantedAt > later.grantedAt) continue;
      if (later.grantedAt < certainlyHeldUntil(earlier, later.grantedAt, bySeq)) {
        doubleGrants.push({ requestId: later.requestId, lanes: [earlier.lane, later.lane], at: later.grantedAt });
      }
    }
  });
  return { handled: finished.size, handledTwice, doubleGrants };
}
