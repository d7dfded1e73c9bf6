import type { Lease } from './leases';
import { lockRefusal } from './refusals';
import type { LabLane, LabLogEntry, LabOp, LabView, LaneId } from './types';
import { listText, numberWord, placeText, rangeText, secondsText } from './words';

// One-line captions for the audience: what a lane's step did, and what changed between two views
// that no step explains (expiries, other clients). Requests are named by their labels.

export interface Caption {
  /** Stable across renders, for React. */
  key: string;
  at: number;
  lane: LaneId | null;
  requestIds: string[];
  text: string;
}

/** What the step captions may also know; each clause needing it is left out without it. */
export interface StepContext {
  /** Every lease so far: who held a request when the step ran. */
  leases?: Lease[];
  /** The flag in the latest view before the step. */
  hadMultipleClientsBefore?: boolean;
  /** The first view read after the step, for positions. */
  next?: LabView;
}

const MULTIPLE_CLIENTS = 'hadMultipleClients is now true, and it never turns back';
const heldAt = (lease: Lease, moment: number) =>
  lease.grantedAt <= moment && moment < (lease.end === 'open' ? lease.expiresAt : (lease.endedAt ?? lease.expiresAt));

function verbPhrase(op: LabOp, name: (id: string) => string): string {
  switch (op.op) {
    case 'lock':
      return 'lock requests';
    case 'read':
      return 'read the head';
    case 'handled':
      return `mark ${name(op.requestId)} handled`;
    default:
      return `${op.op} ${name(op.requestId)}`;
  }
}

/** Why a refused step failed, in words. */
function refusalText(entry: LabLogEntry, name: (id: string) => string, ctx: StepContext): string {
  const { error, op, lane } = entry;
  if (!error) return 'it got no answer';
  const refusal = lockRefusal(error);
  if (refusal === null || op.op === 'lock' || op.op === 'read') {
    return (error.message.split('\n', 1)[0] ?? '').replace(/\.$/, '');
  }
  if (refusal === 'already-handled') return `${name(op.requestId)} is already handled`;
  const moment = Date.parse(entry.startedAt);
  const onRequest = (ctx.leases ?? []).filter((lease) => lease.requestId === op.requestId);
  const own = onRequest.filter((lease) => lease.lane === lane).at(-1);
  const expired = own !== undefined && own.expiresAt <= moment;
  if (refusal === 'expired') return 'its lock had expired';
  const holder = onRequest.find((lease) => lease.lane !== lane && heldAt(lease, moment));
  const holds = holder ? `${holder.lane} holds it now` : 'another client holds it now';
  return expired ? `its lock had expired and ${holds}` : `it is locked by someone else: ${holds}`;
}

function successText(entry: LabLogEntry, name: (id: string) => string, ctx: StepContext): string {
  const { lane, outcome } = entry;
  const flips = (flag: boolean) => flag && ctx.hadMultipleClientsBefore === false;
  switch (outcome?.op) {
    case 'lock': {
      const got = outcome.items.map((item) => name(item.id));
      if (got.length === 0) {
        if (outcome.queueHasLockedRequests === false) {
          return `${lane} found nothing to lock, and no locks are out: for a crawler the queue is finished.`;
        }
        if (outcome.queueHasLockedRequests) {
          return `${lane} found nothing to lock: every pending request is locked, so a crawler waits for locks to end.`;
        }
        return `${lane} found nothing to lock.`;
      }
      const grantedAt = Date.parse(outcome.items[0]?.lockExpiresAt ?? '') - outcome.lockSecs * 1000;
      const ids = new Set(outcome.items.map((item) => item.id));
      const hidden = [
        ...new Set(
          (ctx.leases ?? [])
            .filter((lease) => lease.lane !== lane && !ids.has(lease.requestId) && heldAt(lease, grantedAt))
            .map((lease) => name(lease.requestId)),
        ),
      ];
      const second = flips(outcome.hadMultipleClients) ? ` A second clientKey: ${MULTIPLE_CLIENTS}.` : '';
      if (hidden.length > 0) {
        return `${lane} got ${listText(got)} — not ${rangeText(hidden)}: locked requests are hidden from everyone else's head.${second}`;
      }
      const first = got.length === 1 ? 'the first of the head' : `the first ${numberWord(got.length)} of the head`;
      const them = got.length === 1 ? 'it' : 'them';
      return `${lane} locked ${listText(got)} for ${secondsText(outcome.lockSecs)}: ${first}; no one else can get ${them} now.${second}`;
    }
    case 'read': {
      const read = `${lane} read the head (${outcome.ids.length} ${outcome.ids.length === 1 ? 'request' : 'requests'})`;
      if (flips(outcome.hadMultipleClients)) return `${read}: a second clientKey — ${MULTIPLE_CLIENTS}.`;
      return `${read}: reading locks nothing.`;
    }
    case 'prolong': {
      const back = outcome.forefront ? 'the front' : 'the end';
      const secs = entry.op.op === 'prolong' ? ` to ${secondsText(entry.op.lockSecs)}` : '';
      return `${lane} prolonged ${name(outcome.requestId)}${secs}: it stays ${lane}'s; when it expires it returns to ${back}.`;
    }
    case 'unlock': {
      const where = outcome.forefront ? 'front' : 'end';
      const head = ctx.next?.headIds ?? [];
      const position = head.indexOf(outcome.requestId) + 1;
      const now =
        position > 0 ? placeText(position, head.length) : outcome.forefront ? 'first in the head' : 'last in the head';
      return `${lane} unlocked ${name(outcome.requestId)} to the ${where}: it is now ${now}.`;
    }
    case 'fail': {
      const where = outcome.forefront ? 'front' : 'end';
      return `${lane} failed ${name(outcome.requestId)} (retry ${outcome.retryCount}): reclaimed to the ${where} with its error.`;
    }
    case 'handled':
      return outcome.wasAlreadyHandled
        ? `${lane} marked ${name(outcome.requestId)} handled, but it already was: its work was done twice.`
        : `${lane} marked ${name(outcome.requestId)} handled: it leaves the queue for good.`;
    default:
      return `${lane} could not ${verbPhrase(entry.op, name)}.`;
  }
}

/** The caption of one step of the log. */
export function stepCaptions(entry: LabLogEntry, labels: Map<string, string>, ctx: StepContext = {}): Caption[] {
  const name = (id: string) => labels.get(id) ?? id;
  const { op, lane, outcome, error } = entry;
  let text: string;
  if (outcome) text = successText(entry, name, ctx);
  else if (error?.code === 'rate-limited') text = `${lane} was rate limited (429): backing off.`;
  else if (error?.code === 'timeout')
    text = `${lane}'s call to ${verbPhrase(op, name)} got no answer in time: its outcome is unknown.`;
  else text = `${lane} could not ${verbPhrase(op, name)}: ${refusalText(entry, name, ctx)}.`;
  const requestIds =
    outcome?.op === 'lock' ? outcome.items.map((item) => item.id) : 'requestId' in op ? [op.requestId] : [];
  return [{ key: `step-${entry.seq}`, at: Date.parse(entry.startedAt), lane, requestIds, text }];
}

export interface ViewContext {
  leases: Lease[];
  front: Set<string>;
  lanes: LabLane[];
  /** The lab log, to tell the lanes' own doings from another client's; leases alone are used without it. */
  log?: LabLogEntry[];
}

const lockedAt = (request: LabView['requests'][number], now: number) =>
  request.handledAt === null && request.lockExpiresAt !== null && Date.parse(request.lockExpiresAt) > now;

/** "back at the front (#1 of 12)" or "back in the queue at #12 of 12 — at the end", from the next head. */
function returnText(requestId: string, toFront: boolean, next: LabView): string {
  const position = next.headIds.indexOf(requestId) + 1;
  const of = next.headIds.length;
  if (toFront) return position > 0 ? `back at the front (#${position} of ${of})` : 'back at the front';
  return position > 0 ? `back in the queue at #${position} of ${of} — at the end` : 'back in the queue at the end';
}

/** What happened between two views that the lanes' steps do not tell: expiries and other clients. */
export function viewCaptions(prev: LabView, next: LabView, ctx: ViewContext): Caption[] {
  const from = Date.parse(prev.serverNow);
  const to = Date.parse(next.serverNow);
  const labels = new Map(next.requests.map((request) => [request.id, request.label]));
  const name = (id: string) => labels.get(id) ?? id;
  const laneOf = new Map(ctx.lanes.map((lane) => [lane.clientKey, lane.id]));
  const before = new Map(prev.requests.map((request) => [request.id, request]));
  const captions: Caption[] = [];

  for (const lease of ctx.leases) {
    if (lease.end !== 'expired' || lease.endedAt === null || lease.endedAt <= from || lease.endedAt > to) continue;
    const toFront = ctx.front.has(lease.requestId);
    const why = toFront ? 'because it was locked from a forefront position' : 'because it was locked from the end';
    const back = returnText(lease.requestId, toFront, next);
    captions.push({
      key: `expired-${lease.lane}-${lease.requestId}-${lease.grantedAt}`,
      at: lease.endedAt,
      lane: lease.lane,
      requestIds: [lease.requestId],
      text: `${name(lease.requestId)} expired (${lease.lane}'s lock): ${back}, ${why}.`,
    });
  }

  const handledByLab = new Set(ctx.leases.filter((lease) => lease.end === 'handled').map((lease) => lease.requestId));
  for (const entry of ctx.log ?? []) if (entry.outcome?.op === 'handled') handledByLab.add(entry.outcome.requestId);
  for (const request of next.requests) {
    const old = before.get(request.id);
    const oldHolder = old && lockedAt(old, from) ? old.lockByClient : undefined;
    const at = to;
    if (request.handledAt !== null && old && old.handledAt === null) {
      // A lane's lock in the previous view means a lane is finishing it (its step may not be logged yet).
      if (handledByLab.has(request.id) || laneOf.has(oldHolder ?? '')) continue;
      const text = `${name(request.id)} was marked handled by a client that is not a lab lane.`;
      captions.push({ key: `other-handled-${request.id}`, at, lane: null, requestIds: [request.id], text });
    } else if (lockedAt(request, to) && !laneOf.has(request.lockByClient ?? '') && oldHolder === undefined) {
      const text = `${name(request.id)} was locked by another client (not a lab lane): no lane can get it until that lock ends.`;
      const key = `other-locked-${request.id}-${request.lockExpiresAt}`;
      captions.push({ key, at, lane: null, requestIds: [request.id], text });
    } else if (
      oldHolder !== undefined &&
      !laneOf.has(oldHolder ?? '') &&
      request.handledAt === null &&
      !lockedAt(request, to)
    ) {
      const back = returnText(request.id, ctx.front.has(request.id), next);
      const text = `${name(request.id)}'s lock (another client's, not a lab lane's) ended: ${back}.`;
      captions.push({
        key: `other-ended-${request.id}-${old?.lockExpiresAt}`,
        at,
        lane: null,
        requestIds: [request.id],
        text,
      });
    }
  }

  if (!prev.hadMultipleClients && next.hadMultipleClients && !multipleClientsExplained(ctx, to)) {
    captions.push({
      key: 'multiple-clients',
      at: to,
      lane: null,
      requestIds: [],
      text: `Another client (not a lab lane) touched the queue: ${MULTIPLE_CLIENTS}.`,
    });
  }
  return captions.sort((a, b) => a.at - b.at);
}

/** Whether a lane other than the one reading the view had called the queue by `moment`. */
function multipleClientsExplained(ctx: ViewContext, moment: number): boolean {
  const reader = ctx.lanes[0]?.id;
  if (ctx.log) return ctx.log.some((entry) => entry.lane !== reader && Date.parse(entry.startedAt) <= moment);
  return ctx.leases.some((lease) => lease.lane !== reader && lease.grantedAt <= moment);
}
