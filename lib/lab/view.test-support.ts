import { at, iso } from './log.test-support';
import type { LabLane, LabRequest, LabView } from './types';

// Synthetic lab views: requests r1… and the view the lab would read at a given second.

export const LANES: LabLane[] = [
  { id: 'A', clientKey: 'key-A' },
  { id: 'B', clientKey: 'key-B' },
  { id: 'C', clientKey: 'key-C' },
  { id: 'D', clientKey: 'key-D' },
];

/** A pending request, changed by `partial`; its label is its ID. */
export const request = (id: string, partial: Partial<LabRequest> = {}): LabRequest => ({
  id,
  label: id,
  url: `https://lab.test/${id}`,
  handledAt: null,
  retryCount: 0,
  lastError: null,
  lockExpiresAt: null,
  lockByClient: null,
  ...partial,
});

/** Locked by `clientKey` until `second`. */
export const locked = (id: string, clientKey: string, second: number, partial: Partial<LabRequest> = {}) =>
  request(id, { lockExpiresAt: iso(at(second)), lockByClient: clientKey, ...partial });

export const handled = (id: string, second: number) => request(id, { handledAt: iso(at(second)) });

/** The view at `second`: counts follow the requests; the head is given in queue order. */
export function view(second: number, requests: LabRequest[], headIds: string[], hadMultipleClients = false): LabView {
  const handledCount = requests.filter((entry) => entry.handledAt !== null).length;
  return {
    queueId: 'q',
    name: 'lab',
    totalRequestCount: requests.length,
    handledRequestCount: handledCount,
    pendingRequestCount: requests.length - handledCount,
    hadMultipleClients,
    headIds,
    requests,
    serverNow: iso(at(second)),
  };
}
