import 'server-only';
import { clientKeyOn } from '../acting-as';
import { listQueuesInput, locateInput, queueInput, snapshotInput } from '../action-inputs';
import { sampleOf } from '../ops/sample-of';
import type { HeadPositions, QueueList, QueueSnapshot, QueueSummary } from '../types';
import { apifyClient } from './client';
import { toHeadItem, toQueueSummary, toRequestDetail } from './dto';
import {
  type GatewayContext,
  gatewayCall,
  historyScope,
  keyedQueue,
  mayRegister,
  plainQueue,
  queueMissing,
  registeringReader,
} from './gateway';

/** Locks sent to the page; the recorder keeps up to `LOCKS_READ` (its holders table counts them all). */
const LOCKS_SHOWN = 100;
const LOCKS_READ = 500;
/** The most a head read returns (the platform's maximum). */
const HEAD_SEARCHED = 1000;

export function listQueues(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, listQueuesInput, input, { write: false }, async (args): Promise<QueueList> => {
    const page = await apifyClient(ctx.target).requestQueues().list(args);
    return { items: page.items.map(toQueueSummary), total: page.total, offset: page.offset, limit: page.limit };
  });
}

/** A queue by ID, `~name` or `username~name`. Reading a queue does not register a client. */
export function getQueue(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, queueInput, input, { write: false }, async ({ queueId }): Promise<QueueSummary> => {
    const queue = await plainQueue(ctx, queueId).get();
    if (!queue) throw queueMissing();
    return toQueueSummary(queue);
  });
}

/**
 * One poll of the queue page: the queue, its head and its current locks. The head and the lock list
 * send a clientKey, so they are read only where that may register this client (see `mayRegister`):
 * in parallel with the queue once acknowledged, after it otherwise.
 */
export function getQueueSnapshot(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, snapshotInput, input, { write: false }, async (args): Promise<QueueSnapshot> => {
    const keyed = keyedQueue(ctx, args.queueId);
    const readKeyed = () =>
      Promise.all([
        keyed.listHead({ limit: args.limit }),
        keyed.listRequests({ filter: ['locked'], limit: ctx.recording ? LOCKS_READ : LOCKS_SHOWN }),
      ]);
    const acknowledged = ctx.acknowledges(args.queueId);
    const [queue, keyedReads] = await Promise.all([
      plainQueue(ctx, args.queueId).get(),
      acknowledged ? readKeyed() : null,
    ]);
    if (!queue) throw queueMissing();
    const [head, locked] = keyedReads ?? (mayRegister(ctx, args.queueId, queue) ? await readKeyed() : [null, null]);
    const locks = (locked?.items ?? []).map(toRequestDetail).filter((request) => request.lockExpiresAt !== null);
    const snapshot: QueueSnapshot = {
      queue: toQueueSummary(queue),
      head: head && {
        limit: head.limit,
        queueModifiedAt: new Date(head.queueModifiedAt).toISOString(),
        hadMultipleClients: head.hadMultipleClients === true,
        items: head.items.map(toHeadItem),
      },
      locks: locks.slice(0, LOCKS_SHOWN),
      locksTruncated: (locked?.items.length ?? 0) >= LOCKS_SHOWN,
      clientKey: clientKeyOn(ctx, args.queueId),
      serverNow: new Date().toISOString(),
    };
    const recording = ctx.recording;
    if (recording && snapshot.head) {
      const read = {
        ...snapshot,
        head: snapshot.head,
        locks,
        locksTruncated: (locked?.items.length ?? 0) >= LOCKS_READ,
      };
      recordQuietly(() => recording.recorder.record(historyScope(ctx, recording, args.queueId), sampleOf(read)));
    }
    return snapshot;
  });
}

/** A failing recorder must not fail the snapshot the user asked for: it is reported, without detail. */
function recordQuietly(record: () => void) {
  try {
    record();
  } catch (error) {
    console.error(`Headlock: recording a queue snapshot failed (${error instanceof Error ? error.name : 'error'}).`);
  }
}

/** Where the given requests stand in the first 1000 of the head (e.g. after an unlock sent one to the end). */
export function locateInHead(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, locateInput, input, { write: false }, async (args): Promise<HeadPositions> => {
    const head = await (await registeringReader(ctx, args.queueId)).listHead({ limit: HEAD_SEARCHED });
    const index = new Map(head.items.map((item, i) => [item.id, i + 1]));
    return {
      positions: Object.fromEntries(args.requestIds.map((id) => [id, index.get(id) ?? null])),
      waiting: head.items.length,
      complete: head.items.length < HEAD_SEARCHED,
      serverNow: new Date().toISOString(),
    };
  });
}
