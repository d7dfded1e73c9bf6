import type { ActionError } from '../types';
import type { LabLogEntry, LabOp, LabOutcome, LabWireCall, LaneId } from './types';

// Synthetic lab logs for the lab tests: `LabScript` plays lanes' steps at given seconds and keeps
// the log the browser would keep. Each step makes one call that takes `latencyMs`.

export const T0 = Date.parse('2026-11-27T10:00:00.000Z');
/** Server ms `seconds` after T0. */
export const at = (seconds: number) => T0 + seconds * 1000;
export const iso = (ms: number) => new Date(ms).toISOString();

export const lockConflict: ActionError = {
  code: 'lock-conflict',
  message: 'Another client holds this lock: only the holder can prolong, release or change it. (…)',
};
export const lockExpired: ActionError = {
  code: 'invalid-input',
  message: 'The API refused the call: Request x is not locked: its lock has expired or it was never locked',
};
export const rateLimited: ActionError = {
  code: 'rate-limited',
  message: 'The API is rate limiting these calls; slowing down.',
  retryAfter: 5,
};

/** One wire call at `ms`, by lane A unless told. */
export const wireCall = (id: number, method: string, path: string, status: number | null, ms = T0): LabWireCall => ({
  id,
  method,
  path,
  status,
  startedAt: iso(ms),
  durationMs: 40,
  clientKey: 'key-A',
});

export class LabScript {
  readonly log: LabLogEntry[] = [];
  latencyMs = 40;
  private callId = 100;

  /** Lane locks these requests at `second` (the server's now is the step start). */
  lock(lane: LaneId, second: number, lockSecs: number, ids: string[], queueHasLockedRequests: boolean | null = true) {
    const expires = iso(at(second) + lockSecs * 1000);
    return this.step(
      lane,
      second,
      { op: 'lock', lockSecs, limit: Math.max(ids.length, 1) },
      {
        op: 'lock',
        lockSecs,
        items: ids.map((id) => ({ id, lockExpiresAt: expires, retryCount: 0 })),
        hadMultipleClients: lane !== 'A',
        queueHasLockedRequests,
      },
    );
  }

  read(lane: LaneId, second: number, ids: string[], hadMultipleClients: boolean) {
    return this.step(lane, second, { op: 'read', limit: 10 }, { op: 'read', ids, hadMultipleClients });
  }

  prolong(lane: LaneId, second: number, requestId: string, lockSecs: number, forefront = false) {
    const lockExpiresAt = iso(at(second) + lockSecs * 1000);
    return this.step(
      lane,
      second,
      { op: 'prolong', requestId, lockSecs, forefront },
      { op: 'prolong', requestId, lockExpiresAt, forefront },
    );
  }

  unlock(lane: LaneId, second: number, requestId: string, forefront = false) {
    return this.step(lane, second, { op: 'unlock', requestId, forefront }, { op: 'unlock', requestId, forefront });
  }

  handled(lane: LaneId, second: number, requestId: string, wasAlreadyHandled = false) {
    return this.step(lane, second, { op: 'handled', requestId }, { op: 'handled', requestId, wasAlreadyHandled });
  }

  fail(lane: LaneId, second: number, requestId: string, retryCount: number, forefront = false) {
    const op: LabOp = { op: 'fail', requestId, errorMessage: 'Simulated failure', forefront };
    return this.step(lane, second, op, { op: 'fail', requestId, retryCount, forefront });
  }

  /** A step the API refused: it made one call, answered with `status`. */
  refused(lane: LaneId, second: number, op: LabOp, error: ActionError, status = 400) {
    return this.step(lane, second, op, null, error, status);
  }

  private step(
    lane: LaneId,
    second: number,
    op: LabOp,
    outcome: LabOutcome | null,
    error: ActionError | null = null,
    status = 200,
  ): this {
    const started = at(second);
    const call: LabWireCall = {
      ...wireCall(++this.callId, op.op === 'lock' ? 'POST' : 'PUT', `/v2/request-queues/q/${op.op}`, status, started),
      durationMs: this.latencyMs,
      clientKey: `key-${lane}`,
    };
    this.log.push({
      seq: this.log.length + 1,
      lane,
      op,
      outcome,
      error,
      calls: [call],
      startedAt: iso(started),
      finishedAt: iso(started + this.latencyMs),
    });
    return this;
  }
}
