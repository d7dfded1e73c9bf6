import 'server-only';
import type { z } from 'zod';
import type { ActionError, ActionResult } from '../types';
import { apifyClient, type Target } from './client';
import { DeadlineError, fail, invalidInputError, toActionError } from './errors';

/** Everything a gateway call needs from the session, made explicit so it is testable without Next. */
export interface GatewayContext {
  target: Target;
  clientKey: string;
  writesArmed: boolean;
  /** The whole call's budget, retries included (design.md §4: ~15 s). */
  budgetMs?: number;
}

/** An expected failure decided by the gateway itself (e.g. "not found"). */
export class GatewayFailure extends Error {
  constructor(readonly error: ActionError) {
    super(error.message);
  }
}

export const DEFAULT_BUDGET_MS = 15_000;

/** A queue client that sends the session's clientKey: every call registers this client. */
export const keyedQueue = (ctx: GatewayContext, queueId: string, { retries = true } = {}) =>
  apifyClient(ctx.target, { retries }).requestQueue(queueId, { clientKey: ctx.clientKey });

/** A queue client without a clientKey, for the reads that take none (get queue, get request). */
export const plainQueue = (ctx: GatewayContext, queueId: string) => apifyClient(ctx.target).requestQueue(queueId);

export const queueMissing = () =>
  new GatewayFailure({ code: 'not-found', message: 'That request queue does not exist, or this token cannot see it.' });
export const requestMissing = () => new GatewayFailure({ code: 'not-found', message: 'That request does not exist.' });

function withDeadline<T>(promise: Promise<T>, budgetMs: number): Promise<T> {
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
