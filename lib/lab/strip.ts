import type { LabLane, LabRequest, LabView, LaneId } from './types';

// The head strip: every request of the lab queue as one cell, in queue order. Locked requests keep a
// place by their ordering key (±expiry): those locked from the front sort before the head, latest
// expiry first; those locked from the end after it, earliest expiry first.

export interface StripCell {
  requestId: string;
  label: string;
  state: 'pending' | 'locked' | 'handled';
  /** The lab lane holding the lock; null when not locked or locked by a client that is not a lane. */
  lane: LaneId | null;
  /** 1-based position in the head, when pending and in it. */
  position: number | null;
  lockExpiresAt: number | null;
  retryCount: number;
  /** Where a locked request goes when its lock ends. */
  returnsTo: 'front' | 'end' | null;
}

const lockExpiry = (request: LabRequest, now: number) => {
  const expiresAt = request.lockExpiresAt === null ? null : Date.parse(request.lockExpiresAt);
  return expiresAt !== null && expiresAt > now ? expiresAt : null;
};

export function stripOf(view: LabView, lanes: LabLane[], front: Set<string>): StripCell[] {
  const now = Date.parse(view.serverNow);
  const laneOf = new Map(lanes.map((lane) => [lane.clientKey, lane.id]));
  const headPosition = new Map(view.headIds.map((id, index) => [id, index + 1]));
  const cell = (request: LabRequest, state: StripCell['state']): StripCell => {
    const lockExpiresAt = state === 'locked' ? lockExpiry(request, now) : null;
    return {
      requestId: request.id,
      label: request.label,
      state,
      lane: state === 'locked' && request.lockByClient !== null ? (laneOf.get(request.lockByClient) ?? null) : null,
      position: state === 'pending' ? (headPosition.get(request.id) ?? null) : null,
      lockExpiresAt,
      retryCount: request.retryCount,
      returnsTo: state === 'locked' ? (front.has(request.id) ? 'front' : 'end') : null,
    };
  };

  const handled = view.requests
    .filter((request) => request.handledAt !== null)
    .sort((a, b) => Date.parse(a.handledAt ?? '') - Date.parse(b.handledAt ?? ''));
  const locked = view.requests
    .filter((request) => request.handledAt === null && lockExpiry(request, now) !== null)
    .map((request) => cell(request, 'locked'));
  const lockedIds = new Set(locked.map((entry) => entry.requestId));
  const byId = new Map(view.requests.map((request) => [request.id, request]));
  const head = view.headIds
    .map((id) => byId.get(id))
    .filter((request): request is LabRequest => !!request && request.handledAt === null && !lockedIds.has(request.id));
  const inHead = new Set(head.map((request) => request.id));
  const rest = view.requests.filter(
    (request) => request.handledAt === null && !lockedIds.has(request.id) && !inHead.has(request.id),
  );
  const expiry = (entry: StripCell) => entry.lockExpiresAt ?? 0;

  return [
    ...locked.filter((entry) => entry.returnsTo === 'front').sort((a, b) => expiry(b) - expiry(a)),
    ...head.map((request) => cell(request, 'pending')),
    ...locked.filter((entry) => entry.returnsTo === 'end').sort((a, b) => expiry(a) - expiry(b)),
    ...rest.map((request) => cell(request, 'pending')),
    ...handled.map((request) => cell(request, 'handled')),
  ];
}
