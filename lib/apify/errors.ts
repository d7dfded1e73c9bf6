import 'server-only';
import { ApifyApiError } from 'apify-client';
import type { ZodError } from 'zod';
import type { ActionError } from '../types';

/** Thrown by the gateway's own deadline: the call's outcome is unknown. */
export class DeadlineError extends Error {
  constructor(readonly budgetMs: number) {
    super(`no answer within ${Math.round(budgetMs / 1000)} s`);
  }
}

export const fail = (error: ActionError) => ({ ok: false as const, error });

export function invalidInputError(error: ZodError): ActionError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.join('.') || 'input';
    fieldErrors[field] = [...(fieldErrors[field] ?? []), issue.message];
  }
  const first = Object.entries(fieldErrors)[0];
  const message = first ? `${first[0]} ${first[1][0]}` : 'The input is not valid';
  return { code: 'invalid-input', message, fieldErrors };
}

/** Upstream text may be shown only after the secret is scrubbed and the length capped. */
function scrub(text: string, secret: string): string {
  const clean = secret ? text.split(secret).join('[token]') : text;
  return clean.replace(/\p{Cc}/gu, ' ').slice(0, 300);
}

/** Maps anything a gateway call can throw to the app's error codes, with messages of our own. */
export function toActionError(error: unknown, secret: string): ActionError {
  if (error instanceof DeadlineError) {
    return {
      code: 'timeout',
      message: `The API gave no answer within ${Math.round(error.budgetMs / 1000)} s; the outcome of the call is unknown.`,
    };
  }
  if (error instanceof ApifyApiError) return fromApiError(error, secret);
  const code = (error as { code?: string }).code;
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
    return { code: 'timeout', message: 'The API did not answer in time; the outcome of the call is unknown.' };
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ECONNRESET' || code === 'EAI_AGAIN') {
    return { code: 'upstream-unavailable', message: 'The API cannot be reached right now.' };
  }
  // apify-client's pluckData says `Expected response object with a "data" property` (quoted).
  if (error instanceof Error && /\bdata"? property|JSON|content-type/i.test(error.message)) {
    return { code: 'upstream-unavailable', message: 'The API answered with something that is not an API response.' };
  }
  console.error('[gateway] unexpected error:', error instanceof Error ? scrub(error.message, secret) : typeof error);
  return { code: 'internal', message: 'Something went wrong on the Headlock server.' };
}

function fromApiError(error: ApifyApiError, secret: string): ActionError {
  const status = error.statusCode;
  if (status === 401) return { code: 'unauthenticated', message: 'The API token was refused. Connect again.' };
  if (status === 403) return { code: 'forbidden', message: 'This token may not access that resource.' };
  if (status === 404) return { code: 'not-found', message: notFoundMessage(error) };
  if (status === 429) {
    return { code: 'rate-limited', message: 'The API is rate limiting these calls; slowing down.', retryAfter: 5 };
  }
  if (status >= 500)
    return { code: 'upstream-unavailable', message: `The API failed (HTTP ${status}). Try again shortly.` };
  if (error.type === 'invalid-client-key' || error.type === 'request-handled-or-locked') {
    return {
      code: 'lock-conflict',
      message: `Another client holds this lock: only the holder can prolong, release or change it. (${scrub(error.message, secret)})`,
    };
  }
  return { code: 'invalid-input', message: `The API refused the call: ${scrub(error.message, secret)}` };
}

function notFoundMessage(error: ApifyApiError): string {
  if (error.type === 'record-not-found' && /request was not found/i.test(error.message))
    return 'That request does not exist.';
  if (error.type === 'record-not-found') return 'That request queue does not exist, or this token cannot see it.';
  return 'Not found.';
}
