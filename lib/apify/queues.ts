import 'server-only';
import { listQueuesInput, queueInput, snapshotInput } from '../schemas';
import type { QueueList, QueueSnapshot, QueueSummary } from '../types';
import { apifyClient } from './client';
import { toHeadItem, toQueueSummary, toRequestDetail } from './dto';
import { type GatewayContext, gatewayCall, keyedQueue, plainQueue, queueMissing } from './gateway';

const LOCKS_SHOWN = 100;

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
 * One poll of the queue page: the queue, its head and its current locks, fetched in parallel.
 * With `includeHead: false` only the queue is read, so no clientKey is registered.
 */
export function getQueueSnapshot(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, snapshotInput, input, { write: false }, async (args): Promise<QueueSnapshot> => {
    const keyed = keyedQueue(ctx, args.queueId);
    const [queue, head, locked] = await Promise.all([
      plainQueue(ctx, args.queueId).get(),
      args.includeHead ? keyed.listHead({ limit: args.limit }) : null,
      args.includeHead ? keyed.listRequests({ filter: ['locked'], limit: LOCKS_SHOWN }) : null,
    ]);
    if (!queue) throw queueMissing();
    return {
      queue: toQueueSummary(queue),
      head: head && {
        limit: head.limit,
        queueModifiedAt: new Date(head.queueModifiedAt).toISOString(),
        hadMultipleClients: head.hadMultipleClients === true,
        items: head.items.map(toHeadItem),
      },
      locks: (locked?.items ?? []).map(toRequestDetail).filter((request) => request.lockExpiresAt !== null),
      clientKey: ctx.clientKey,
      serverNow: new Date().toISOString(),
    };
  });
}
