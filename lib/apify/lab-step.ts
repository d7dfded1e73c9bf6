import 'server-only';
import type { RequestQueueClientRequestSchema } from 'apify-client';
import type { z } from 'zod';
import { labStepInput } from '../lab/inputs';
import type { LabOutcome, LabStepResult, LabWireCall } from '../lab/types';
import type { ActionError } from '../types';
import { apifyClient } from './client';
import { toActionError } from './errors';
import {
  DEFAULT_BUDGET_MS,
  type GatewayContext,
  GatewayFailure,
  gatewayCall,
  requestMissing,
  withDeadline,
} from './gateway';
import { labQueueOf, laneKey } from './lab-access';
import { capturingCalls } from './lab-wire';

type Step = z.output<typeof labStepInput>;
type QueueClient = ReturnType<ReturnType<typeof apifyClient>['requestQueue']>;

/** The step gives up this long before the action's own deadline, so its calls still come back. */
const STEP_MARGIN_MS = 1000;

const iso = (value: unknown) => new Date(value as string | Date).toISOString();

/** The request as stored, ready to be written back: without the lock fields a GET adds. */
async function storedRequest(plain: QueueClient, requestId: string) {
  const current = await plain.getRequest(requestId);
  if (!current) throw requestMissing();
  // apify-client types the answer as a list item; the API sends the whole stored request.
  const {
    lockExpiresAt: _expiry,
    lockByClient: _holder,
    ...stored
  } = current as RequestQueueClientRequestSchema & {
    lockExpiresAt?: unknown;
    lockByClient?: unknown;
  };
  return { ...stored, id: requestId };
}

/** One step's calls, as the lane: `keyed` sends its clientKey, `plain` none (GET request takes none). */
async function perform(keyed: QueueClient, plain: QueueClient, step: Step): Promise<LabOutcome> {
  switch (step.op) {
    case 'lock': {
      const result = await keyed.listAndLockHead({ lockSecs: step.lockSecs, limit: step.limit });
      return {
        op: 'lock',
        lockSecs: result.lockSecs,
        items: result.items.map((item) => ({
          id: item.id,
          lockExpiresAt: iso(item.lockExpiresAt),
          retryCount: item.retryCount ?? 0,
        })),
        hadMultipleClients: result.hadMultipleClients === true,
        queueHasLockedRequests:
          typeof result.queueHasLockedRequests === 'boolean' ? result.queueHasLockedRequests : null,
      };
    }
    case 'read': {
      const head = await keyed.listHead({ limit: step.limit });
      return {
        op: 'read',
        ids: head.items.map((item) => item.id),
        hadMultipleClients: head.hadMultipleClients === true,
      };
    }
    case 'prolong': {
      const { forefront, lockSecs, requestId } = step;
      const result = await keyed.prolongRequestLock(requestId, { lockSecs, forefront });
      return { op: 'prolong', requestId, lockExpiresAt: iso(result.lockExpiresAt), forefront };
    }
    case 'unlock':
      await keyed.deleteRequestLock(step.requestId, { forefront: step.forefront });
      return { op: 'unlock', requestId: step.requestId, forefront: step.forefront };
    case 'handled': {
      // As Crawlee marks a request handled: the whole request written back, with handledAt (no forefront).
      const request = await storedRequest(plain, step.requestId);
      const result = await keyed.updateRequest({ ...request, handledAt: new Date().toISOString() });
      return { op: 'handled', requestId: step.requestId, wasAlreadyHandled: result.wasAlreadyHandled === true };
    }
    case 'fail': {
      // Crawlee's reclaim: the attempt is counted and its error kept, then the lock is given up.
      const { forefront, requestId } = step;
      const request = await storedRequest(plain, requestId);
      const retryCount = (request.retryCount ?? 0) + 1;
      const errorMessages = [...(Array.isArray(request.errorMessages) ? request.errorMessages : []), step.errorMessage];
      await keyed.updateRequest({ ...request, retryCount, errorMessages }, { forefront });
      await keyed.deleteRequestLock(requestId, { forefront });
      return { op: 'fail', requestId, retryCount, forefront };
    }
  }
}

/**
 * Runs one lab step as one lane, with the lane's clientKey from the registry. Nothing is retried
 * (a 429 reaches the browser, which backs off itself). An upstream refusal is not a failed action:
 * it comes back as `error`, with every call the step made.
 */
export function runLabStep(ctx: GatewayContext, input: unknown) {
  // `read` changes nothing in the queue: like the gateway's other keyed reads, it is not a write.
  const write = (input as { op?: unknown } | null)?.op !== 'read';
  return gatewayCall(ctx, labStepInput, input, { write }, async (step): Promise<LabStepResult> => {
    const key = laneKey(labQueueOf(ctx, step.queueId), step.lane);
    const client = apifyClient(ctx.target, { retries: false });
    const keyed = client.requestQueue(step.queueId, { clientKey: key });
    const plain = client.requestQueue(step.queueId);
    const calls: LabWireCall[] = [];
    const startedAt = new Date().toISOString();
    let outcome: LabOutcome | null = null;
    let error: ActionError | null = null;
    try {
      const budget = ctx.budgetMs ?? DEFAULT_BUDGET_MS;
      const budgetMs = Math.max(budget - STEP_MARGIN_MS, budget / 2);
      outcome = await withDeadline(
        capturingCalls(calls, () => perform(keyed, plain, step)),
        budgetMs,
      );
    } catch (thrown) {
      error = thrown instanceof GatewayFailure ? thrown.error : toActionError(thrown, ctx.target.token);
    }
    return { lane: step.lane, outcome, error, calls: [...calls], startedAt, finishedAt: new Date().toISOString() };
  });
}
