import 'server-only';
import { clientKeyOn } from '../acting-as';
import { bulkRequestsInput } from '../action-inputs';
import { MAX_BATCH_SIZE } from '../api-contract';
import type { BulkOutcome, BulkResult } from '../inspect/types';
import { toActionError } from './errors';
import {
  DEFAULT_BUDGET_MS,
  type GatewayContext,
  GatewayFailure,
  gatewayCall,
  keyedQueue,
  plainQueue,
  queueMissing,
} from './gateway';
import { putBody, type StoredRequest } from './requests';

type Args = ReturnType<typeof bulkRequestsInput.parse>;

/** Requests worked on at once: a chunk of 50 stays well inside the API's 400 calls/s per queue. */
const IN_FLIGHT = 4;

const done = (requestId: string): BulkOutcome => ({ requestId, status: 'done' });
const ALREADY_GONE = 'already gone';
const unchanged = (requestId: string, message: string): BulkOutcome => ({ requestId, status: 'unchanged', message });

/**
 * Reclaims, marks handled or deletes up to 50 requests, each on its own: one request's failure (a
 * lock held by another client, a 429 that outlasted the retries) is its outcome, not the call's.
 */
export function bulkRequests(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, bulkRequestsInput, input, { write: true }, async (args): Promise<BulkResult> => {
    const ids = [...new Set(args.requestIds)];
    const bulk = new Bulk(ctx, args);
    const outcomes =
      args.operation === 'delete'
        ? await bulk.deleteAll(ids)
        : await withConcurrency(ids, IN_FLIGHT, (id) => bulk.attempt(id, () => bulk.change(id)));
    // A request GET on an unknown queue is a 404 too: when nothing was found, tell the two apart.
    const missing = (outcome: BulkOutcome) => outcome.code === 'not-found' || outcome.message === ALREADY_GONE;
    if (outcomes.every(missing) && !(await plainQueue(ctx, args.queueId).get())) {
      throw queueMissing();
    }
    return { outcomes, serverNow: new Date().toISOString() };
  });
}

class Bulk {
  private readonly plain;
  private readonly keyed;
  private readonly ownKey;
  /** No request starts after this (server ms): the call must answer within its budget. */
  private readonly startBy: number;
  private rateLimited = false;

  constructor(
    private readonly ctx: GatewayContext,
    private readonly args: Args,
  ) {
    this.plain = plainQueue(ctx, args.queueId);
    this.keyed = keyedQueue(ctx, args.queueId);
    this.ownKey = clientKeyOn(ctx, args.queueId);
    this.startBy = Date.now() + ((ctx.budgetMs ?? DEFAULT_BUDGET_MS) * 2) / 3;
  }

  /**
   * Why a request is not started, if it is not: once the API rate limits one request, the rest wait
   * for the browser to send them again after a pause, rather than pile more calls on it.
   */
  private notStarted(requestId: string): BulkOutcome | null {
    if (this.rateLimited) {
      const message = 'Not tried: the API is rate limiting these calls. Send it again after a pause.';
      return { requestId, status: 'failed', code: 'rate-limited', message };
    }
    if (Date.now() > this.startBy) {
      return {
        requestId,
        status: 'failed',
        code: 'timeout',
        message: 'Not tried: this call ran out of time. Send it again.',
      };
    }
    return null;
  }

  /** One request's outcome: its own failure is a value; a refused token ends the whole call. */
  async attempt(requestId: string, work: () => Promise<BulkOutcome>): Promise<BulkOutcome> {
    const skipped = this.notStarted(requestId);
    if (skipped) return skipped;
    try {
      return await work();
    } catch (error) {
      const mapped = toActionError(error, this.ctx.target.token);
      if (mapped.code === 'unauthenticated') throw new GatewayFailure(mapped);
      if (mapped.code === 'rate-limited') this.rateLimited = true;
      return { requestId, status: 'failed', code: mapped.code, message: mapped.message };
    }
  }

  /** The request as stored, or the outcome that ends its turn (missing, or locked by another client). */
  private async read(requestId: string): Promise<StoredRequest | BulkOutcome> {
    const request: StoredRequest | undefined = await this.plain.getRequest(requestId);
    if (!request) return { requestId, status: 'failed', code: 'not-found', message: 'That request does not exist.' };
    const { lockByClient, lockExpiresAt } = request;
    const expiry = lockExpiresAt ? new Date(lockExpiresAt) : null;
    if (expiry && expiry.getTime() > Date.now() && lockByClient !== this.ownKey) {
      const holder = lockByClient ? `client ${lockByClient}` : 'a client without a clientKey';
      return {
        requestId,
        status: 'failed',
        code: 'lock-conflict',
        message: `Locked by ${holder} until ${expiry.toISOString().slice(11, 19)} UTC; nothing was changed.`,
      };
    }
    return request;
  }

  private lockedByUs(request: StoredRequest): boolean {
    const { lockByClient, lockExpiresAt } = request;
    return lockByClient === this.ownKey && !!lockExpiresAt && new Date(lockExpiresAt).getTime() > Date.now();
  }

  async change(requestId: string): Promise<BulkOutcome> {
    const request = await this.read(requestId);
    if ('status' in request) return request;
    const { forefront, resetRetries } = this.args;
    const retries = resetRetries ? { retryCount: 0 } : {};
    if (this.args.operation === 'mark-handled') {
      if (request.handledAt) return unchanged(requestId, 'already handled');
      // A PUT that sets handledAt also releases a lock of ours (spec §2.9).
      await this.keyed.updateRequest(putBody(request, { handledAt: new Date().toISOString() }));
      return done(requestId);
    }
    if (request.handledAt) {
      await this.keyed.updateRequest(putBody(request, { handledAt: null, ...retries }), { forefront });
      return done(requestId);
    }
    if (this.lockedByUs(request)) {
      await this.keyed.deleteRequestLock(requestId, { forefront });
      if (resetRetries) await this.keyed.updateRequest(putBody(request, retries), { forefront });
      return done(requestId);
    }
    if (!forefront && !resetRetries) return unchanged(requestId, 'already pending');
    await this.keyed.updateRequest(putBody(request, retries), { forefront });
    return done(requestId);
  }

  /** Reads every request, then deletes the deletable ones 25 per call (the API's batch limit). */
  async deleteAll(ids: string[]): Promise<BulkOutcome[]> {
    const reads = await withConcurrency(ids, IN_FLIGHT, async (id) => {
      const outcome = await this.attempt(id, async () => {
        const request = await this.read(id);
        if (!('status' in request)) return { ...done(id), uniqueKey: request.uniqueKey };
        return request.code === 'not-found' ? unchanged(id, ALREADY_GONE) : request;
      });
      return outcome as BulkOutcome & { uniqueKey?: string };
    });
    const deletable = reads.filter((read) => read.uniqueKey !== undefined);
    const deleted = new Map<string, BulkOutcome>();
    for (let i = 0; i < deletable.length; i += MAX_BATCH_SIZE) {
      const batch = deletable.slice(i, i + MAX_BATCH_SIZE);
      for (const outcome of await this.deleteBatch(batch)) deleted.set(outcome.requestId, outcome);
    }
    return reads.map(({ uniqueKey: _key, ...read }) => deleted.get(read.requestId) ?? read);
  }

  private async deleteBatch(batch: { requestId: string; uniqueKey?: string }[]): Promise<BulkOutcome[]> {
    const skipped = this.notStarted('');
    if (skipped) return batch.map(({ requestId }) => ({ ...skipped, requestId }));
    try {
      const { unprocessedRequests } = await this.keyed.batchDeleteRequests(
        batch.map(({ requestId }) => ({ id: requestId })),
      );
      // The API may name a left-over request by its ID or by its uniqueKey.
      const left = new Set(unprocessedRequests.flatMap((item) => Object.values(item).map(String)));
      return batch.map(({ requestId, uniqueKey }) =>
        left.has(requestId) || (uniqueKey !== undefined && left.has(uniqueKey))
          ? {
              requestId,
              status: 'failed' as const,
              code: 'upstream-unavailable',
              message: 'The API left this request undeleted (it does so when rate limited or failing); try again.',
            }
          : done(requestId),
      );
    } catch (error) {
      return Promise.all(batch.map(({ requestId }) => this.attempt(requestId, () => Promise.reject(error))));
    }
  }
}

/** `work` over every item, at most `limit` at a time, the results in the items' order. */
async function withConcurrency<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
