import 'server-only';
import {
  addRequestsInput,
  deleteRequestsInput,
  listRequestsInput,
  requestInput,
  updateRequestInput,
} from '../action-inputs';
import type { AddRequestsResult, DeleteRequestsResult, RequestPage, RequestRead, WriteResult } from '../types';
import { toRequestDetail } from './dto';
import {
  type GatewayContext,
  gatewayCall,
  keyedQueue,
  plainQueue,
  queueMissing,
  registeringReader,
  requestMissing,
} from './gateway';

const BATCH = 25;

type GotRequest = NonNullable<Awaited<ReturnType<ReturnType<typeof plainQueue>['getRequest']>>>;
/**
 * A request as GET returns it, with what apify-client's type leaves out: handledAt, and, while it is
 * locked, who holds it until when (spec §2.8).
 */
export type StoredRequest = GotRequest & {
  handledAt?: Date | string | null;
  lockExpiresAt?: Date | string | null;
  lockByClient?: string | null;
};

/**
 * The body of a PUT that changes a stored request (as GET returned it): the whole request, as the API
 * wants, without the lock fields, which are the API's to set, never the caller's.
 */
export function putBody(current: StoredRequest, changes: { handledAt?: string | null; retryCount?: number }) {
  const { lockExpiresAt: _expiry, lockByClient: _holder, ...stored } = current;
  return { ...stored, ...changes } as GotRequest;
}

export function getRequest(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, requestInput, input, { write: false }, async (args): Promise<RequestRead> => {
    const request = await plainQueue(ctx, args.queueId).getRequest(args.requestId);
    if (!request) throw requestMissing();
    return { request: toRequestDetail(request), serverNow: new Date().toISOString() };
  });
}

export function listRequests(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, listRequestsInput, input, { write: false }, async (args): Promise<RequestPage> => {
    const page = await (await registeringReader(ctx, args.queueId)).listRequests({
      limit: args.limit,
      ...(args.cursor ? { cursor: args.cursor } : {}),
      ...(args.filter === 'all' ? {} : { filter: [args.filter] }),
    });
    return {
      items: page.items.map(toRequestDetail),
      nextCursor: page.nextCursor ?? null,
      limit: page.limit,
      serverNow: new Date().toISOString(),
    };
  });
}

/** Adds URLs (uniqueKey = URL), reporting which were already there. */
export function addRequests(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, addRequestsInput, input, { write: true }, async (args): Promise<AddRequestsResult> => {
    const requests = [...new Set(args.urls)].map((url) => ({ url, uniqueKey: url }));
    // apify-client sends them 25 per call; one call at a time keeps the pasted order in the queue.
    const { processedRequests, unprocessedRequests } = await keyedQueue(ctx, args.queueId).batchAddRequests(requests, {
      forefront: args.forefront,
      maxParallel: 1,
    });
    // batchAddRequests never throws: a refused call comes back as unprocessed. When nothing went in,
    // reading the queue brings out the real failure (unknown queue, refused token…).
    if (processedRequests.length === 0 && !(await plainQueue(ctx, args.queueId).get())) throw queueMissing();
    const result: AddRequestsResult = { added: [], alreadyPresent: [], alreadyHandled: [], unprocessed: [] };
    for (const item of processedRequests) {
      if (item.wasAlreadyHandled) result.alreadyHandled.push(item.uniqueKey);
      else if (item.wasAlreadyPresent) result.alreadyPresent.push(item.uniqueKey);
      else result.added.push(item.uniqueKey);
    }
    result.unprocessed.push(...unprocessedRequests.map((item) => item.uniqueKey));
    return result;
  });
}

/** Marks a request handled, or sends a handled one back to the queue (reclaim). */
export function updateRequest(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, updateRequestInput, input, { write: true }, async (args): Promise<WriteResult> => {
    const queue = keyedQueue(ctx, args.queueId);
    const current = await plainQueue(ctx, args.queueId).getRequest(args.requestId);
    if (!current) throw requestMissing();
    const handledAt = args.change === 'mark-handled' ? new Date().toISOString() : null;
    const result = await queue.updateRequest(putBody(current, { handledAt }), {
      forefront: args.forefront,
    });
    return {
      requestId: result.requestId,
      wasAlreadyHandled: result.wasAlreadyHandled,
      serverNow: new Date().toISOString(),
    };
  });
}

export function deleteRequests(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, deleteRequestsInput, input, { write: true }, async (args): Promise<DeleteRequestsResult> => {
    const queue = keyedQueue(ctx, args.queueId);
    const ids = [...new Set(args.requestIds)];
    if (ids.length === 1) {
      await queue.deleteRequest(ids[0] as string);
      return { deleted: ids, notDeleted: [] };
    }
    const result: DeleteRequestsResult = { deleted: [], notDeleted: [] };
    for (let i = 0; i < ids.length; i += BATCH) {
      const { processedRequests, unprocessedRequests } = await queue.batchDeleteRequests(
        ids.slice(i, i + BATCH).map((id) => ({ id })),
      );
      result.deleted.push(...processedRequests.map((item) => ('id' in item ? String(item.id) : '')));
      result.notDeleted.push(...unprocessedRequests.map((item) => ('id' in item ? String(item.id) : '')));
    }
    return result;
  });
}
