import 'server-only';
import type { z } from 'zod';
import { clientKeyOn } from '../acting-as';
import type { Recorder } from '../recorder/recorder';
import type { ActingAs, ActionError, ActionResult } from '../types';
import { apifyClient, type Target } from './client';
import { DeadlineError, fail, invalidInputError, toActionError } from './errors';
import type { LabRegistry } from './lab-registry';

/** Everything a gateway call needs from the session, made explicit so it is testable without Next. */
export interface GatewayContext {
  target: Target;
  /** The session's own clientKey. */
  clientKey: string;
  writesArmed: boolean;
  actingAs?: ActingAs | null;
  /** Whether the user accepted that reads sending a clientKey register this client on the queue. */
  acknowledges: (queueId: string) => boolean;
  /** The whole call's budget, retries included (design.md §4: ~15 s). */
  budgetMs?: number;
  /** Where snapshots are recorded and history is read, for the session's account (absent: nowhere). */
  recording?: Recording | null;
  /** The lock lab's registry and whose lab queues it keeps: the session's account (absent: no lab). */
  labs?: Labs | null;
}

export interface Labs {
  registry: LabRegistry;
  account: string;
}

/** The recorder and whose history it keeps: the target's name and the account on it. */
export interface Recording {
  recorder: Recorder;
  account: string;
}

/** The recorder's scope for one queue of the context's account. */
export const historyScope = (ctx: GatewayContext, recording: Recording, queueId: string) => ({
  target: ctx.target.name,
  account: recording.account,
  queueId,
});

/** An expected failure decided by the gateway itself (e.g. "not found"). */
export class GatewayFailure extends Error {
  constructor(readonly error: ActionError) {
    super(error.message);
  }
}

export const DEFAULT_BUDGET_MS = 15_000;

/**
 * A queue client that sends the clientKey, for writes the user asked for: every call registers the
 * client. Reads that send a key go through `registeringReader` instead.
 */
export const keyedQueue = (ctx: GatewayContext, queueId: string, { retries = true } = {}) =>
  apifyClient(ctx.target, { retries }).requestQueue(queueId, { clientKey: clientKeyOn(ctx, queueId) });

/** A queue client without a clientKey, for the reads that take none (get queue, get request). */
export const plainQueue = (ctx: GatewayContext, queueId: string) => apifyClient(ctx.target).requestQueue(queueId);

export const queueMissing = () =>
  new GatewayFailure({ code: 'not-found', message: 'That request queue does not exist, or this token cannot see it.' });
export const requestMissing = () => new GatewayFailure({ code: 'not-found', message: 'That request does not exist.' });
export const notAcknowledged = () =>
  new GatewayFailure({
    code: 'needs-acknowledgement',
    message:
      'Reading this queue’s requests registers Headlock as a client, which turns hadMultipleClients true for good. Accept that for this queue first.',
  });

/**
 * Whether a read that sends a clientKey may run: once the user accepted it for this queue, or when
 * the queue (as just read) is already shared: `hadMultipleClients` never turns back, nothing to flip.
 */
export const mayRegister = (ctx: GatewayContext, queueId: string, queue: { hadMultipleClients?: boolean }) =>
  ctx.acknowledges(queueId) || queue.hadMultipleClients === true;

/** A keyed queue client for reads (head, list requests); refuses until `mayRegister` allows it. */
export async function registeringReader(ctx: GatewayContext, queueId: string) {
  if (!ctx.acknowledges(queueId)) {
    const queue = await plainQueue(ctx, queueId).get();
    if (!queue) throw queueMissing();
    if (!mayRegister(ctx, queueId, queue)) throw notAcknowledged();
  }
  return keyedQueue(ctx, queueId);
}

export function withDeadline<T>(promise: Promise<T>, budgetMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(budgetMs)), budgetMs);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * The one shape of every gateway call: validate → enforce read-only → call within the budget →
 * map failures to the app's error codes. Expected failures are return values, never throws.
 */
export async function gatewayCall<S extends z.ZodType, T>(
  ctx: GatewayContext,
  schema: S,
  rawInput: unknown,
  options: { write: boolean },
  call: (input: z.output<S>) => Promise<T>,
): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(rawInput);
  if (!parsed.success) return fail(invalidInputError(parsed.error));
  if (options.write && !ctx.writesArmed) {
    return fail({ code: 'read-only', message: 'This session is read-only. Arm writes to change the queue.' });
  }
  try {
    return { ok: true, data: await withDeadline(call(parsed.data), ctx.budgetMs ?? DEFAULT_BUDGET_MS) };
  } catch (error) {
    if (error instanceof GatewayFailure) return fail(error.error);
    return fail(toActionError(error, ctx.target.token));
  }
}
