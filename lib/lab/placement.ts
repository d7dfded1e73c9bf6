import type { LabLogEntry } from './types';

// Where each request's ordering key points: at the front (negative) or the end (positive). The
// emulator keeps the sign through a lock (the key becomes ±expiry), so when a lock expires the request
// returns to where its sign says. A prolong, unlock or reclaim sets the sign to its `forefront`; a
// handled request has no key. Requests the log never placed are at the end, unless seeded at the front.

/** Whether a step updated the request itself (`PUT …/requests/:id`) even if a later call failed. */
const updatedRequest = (entry: LabLogEntry) =>
  entry.calls.some(
    (call) =>
      call.method === 'PUT' &&
      /\/requests\/[^/?]+(\?|$)/.test(call.path) &&
      call.status !== null &&
      call.status >= 200 &&
      call.status < 300,
  );

/** Applies one step to the set of requests whose key is at the front. */
export function placeStep(front: Set<string>, entry: LabLogEntry): void {
  const { outcome, op } = entry;
  const setSign = (requestId: string, forefront: boolean) => {
    if (forefront) front.add(requestId);
    else front.delete(requestId);
  };
  if (outcome?.op === 'prolong' || outcome?.op === 'unlock' || outcome?.op === 'fail') {
    setSign(outcome.requestId, outcome.forefront);
  } else if (outcome?.op === 'handled') {
    front.delete(outcome.requestId);
  } else if (outcome === null && op.op === 'fail' && updatedRequest(entry)) {
    // The reclaim's PUT went through (it carries `forefront`) but its DELETE lock did not.
    setSign(op.requestId, op.forefront);
  }
}

/** The requests whose ordering key is at the front after these steps. */
export function frontRequests(seededForefront: string[], log: LabLogEntry[]): Set<string> {
  const front = new Set(seededForefront);
  for (const entry of log) placeStep(front, entry);
  return front;
}
