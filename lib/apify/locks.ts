import 'server-only';
import { clientKeyOn } from '../acting-as';
import { deleteLockInput, lockHeadInput, prolongLockInput, queueInput } from '../action-inputs';
import type { LockResult, ProlongResult, UnlockAllResult, UnlockResult } from '../types';
import { toLockedItem } from './dto';
import { type GatewayContext, gatewayCall, keyedQueue } from './gateway';

/** Locks a batch. Never retried: after a timeout the locks may or may not exist, and we say so. */
export function lockHead(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, lockHeadInput, input, { write: true }, async (args): Promise<LockResult> => {
    const result = await keyedQueue(ctx, args.queueId, { retries: false }).listAndLockHead({
      lockSecs: args.lockSecs,
      limit: args.limit,
    });
    return {
      items: result.items.map(toLockedItem),
      lockSecs: result.lockSecs,
      clientKey: result.clientKey ?? clientKeyOn(ctx, args.queueId),
      queueHasLockedRequests: typeof result.queueHasLockedRequests === 'boolean' ? result.queueHasLockedRequests : null,
      hadMultipleClients: result.hadMultipleClients === true,
      queueModifiedAt: new Date(result.queueModifiedAt).toISOString(),
      serverNow: new Date().toISOString(),
    };
  });
}

export function prolongLock(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, prolongLockInput, input, { write: true }, async (args): Promise<ProlongResult> => {
    const result = await keyedQueue(ctx, args.queueId).prolongRequestLock(args.requestId, {
      lockSecs: args.lockSecs,
      forefront: args.forefront,
    });
    return { lockExpiresAt: new Date(result.lockExpiresAt).toISOString(), serverNow: new Date().toISOString() };
  });
}

export function deleteLock(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, deleteLockInput, input, { write: true }, async (args): Promise<UnlockResult> => {
    await keyedQueue(ctx, args.queueId).deleteRequestLock(args.requestId, { forefront: args.forefront });
    return { requestId: args.requestId, serverNow: new Date().toISOString() };
  });
}

/** Releases every lock this session's clientKey holds on the queue. */
export function unlockAll(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, queueInput, input, { write: true }, async ({ queueId }): Promise<UnlockAllResult> => {
    const result = await keyedQueue(ctx, queueId).unlockRequests();
    return { unlockedCount: result.unlockedCount, serverNow: new Date().toISOString() };
  });
}
