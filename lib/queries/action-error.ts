import type { ActionError, ActionResult } from '../types';

/** An action's expected failure, thrown inside React Query so it lands in `error` with its code. */
export class ActionFailure extends Error {
  readonly code: ActionError['code'];
  readonly fieldErrors: ActionError['fieldErrors'];
  readonly retryAfter: number | undefined;

  constructor(error: ActionError) {
    super(error.message);
    this.name = 'ActionFailure';
    this.code = error.code;
    this.fieldErrors = error.fieldErrors;
    this.retryAfter = error.retryAfter;
  }
}

export async function unwrap<T>(result: Promise<ActionResult<T>>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new ActionFailure(settled.error);
  return settled.data;
}

export const errorMessage = (error: unknown) =>
  error instanceof Error ? error.message : 'Something went wrong. Try again.';
