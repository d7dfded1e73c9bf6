import 'server-only';
import { addRequestsInput, deleteRequestsInput, listRequestsInput, requestInput, updateRequestInput } from '../schemas';
import type { AddRequestsResult, DeleteRequestsResult, RequestPage, WriteResult } from '../types';
import { apifyClient } from './client';
import { toRequestDetail } from './dto';
import { type GatewayContext, GatewayFailure, gatewayCall } from './gateway';

const BATCH = 25;

const keyedQueue = (ctx: GatewayContext, queueId: string) =>
  apifyClient(ctx.target).requestQueue(queueId, { clientKey: ctx.clientKey });

const queueMissing = () =>
  new GatewayFailure({ code: 'not-found', message: 'That request queue does not exist, or this token cannot see it.' });
const requestMissing = () => new GatewayFailure({ code: 'not-found', message: 'That request does not exist.' });

export function getRequest(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, requestInput, input, { write: false }, async (args) => {
    const request = await apifyClient(ctx.target).requestQueue(args.queueId).getRequest(args.requestId);
    if (!request) throw requestMissing();
    return { request: toRequestDetail(request), serverNow: new Date().toISOString() };
  });
}

export function listRequests(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, listRequestsInput, input, { write: false }, async (args): Promise<RequestPage> => {
    const page = await keyedQueue(ctx, args.queueId).listRequests({
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

/** Adds URLs (uniqueKey = URL), 25 per call, reporting which were already there. */
export function addRequests(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, addRequestsInput, input, { write: true }, async (args): Promise<AddRequestsResult> => {
    const urls = [...new Set(args.urls)];
    const result: AddRequestsResult = { added: [], alreadyPresent: [], alreadyHandled: [], unprocessed: [] };
    const queue = keyedQueue(ctx, args.queueId);
    for (let i = 0; i < urls.length; i += BATCH) {
      const batch = urls.slice(i, i + BATCH).map((url) => ({ url, uniqueKey: url }));
      const { processedRequests, unprocessedRequests } = await queue.batchAddRequests(batch, {
        forefront: args.forefront,
      });
      for (const item of processedRequests) {
        if (item.wasAlreadyHandled) result.alreadyHandled.push(item.uniqueKey);
        else if (item.wasAlreadyPresent) result.alreadyPresent.push(item.uniqueKey);
        else result.added.push(item.uniqueKey);
      }
      result.unprocessed.push(...unprocessedRequests.map((item) => item.uniqueKey));
      // apify-client's batchAddRequests never throws: it reports a refused batch as unprocessed. When
      // nothing went in, reading the queue brings out the real failure (unknown queue, refused token…).
      if (i === 0 && processedRequests.length === 0) {
        if (!(await apifyClient(ctx.target).requestQueue(args.queueId).get())) throw queueMissing();
      }
    }
    return result;
  });
}

/** Marks a request handled, or sends a handled one back to the queue (reclaim). */
export function updateRequest(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, updateRequestInput, input, { write: true }, async (args): Promise<WriteResult> => {
    const queue = keyedQueue(ctx, args.queueId);
    const current = await apifyClient(ctx.target).requestQueue(args.queueId).getRequest(args.requestId);
    if (!current) throw requestMissing();
    const {
      lockExpiresAt: _expiry,
      lockByClient: _holder,
      ...stored
    } = current as typeof current & {
      lockExpiresAt?: unknown;
      lockByClient?: unknown;
    };
    const handledAt = args.change === 'mark-handled' ? new Date().toISOString() : null;
    const result = await queue.updateRequest({ ...stored, id: args.requestId, handledAt } as typeof current, {
      forefront: args.forefront,
    });
    return { requestId: result.requestId, wasAlreadyHandled: result.wasAlreadyHandled };
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
