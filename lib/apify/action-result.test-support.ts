import type { ActionError, ActionResult } from '../types';

// Test support only: unwrap a gateway call's result, failing the test when it is the other kind.

export function must<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.data;
}

export function failure(result: ActionResult<unknown>): ActionError {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.data)}`);
  return result.error;
}
