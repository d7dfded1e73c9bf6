import { EmulatorError } from '../errors';

const JSON_TYPE = 'application/json; charset=utf-8';

export function jsonResponse(status: number, data: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ data }), { status, headers: { 'content-type': JSON_TYPE, ...headers } });
}

export function emptyResponse(): Response {
  return new Response(null, { status: 204, headers: { 'content-type': JSON_TYPE } });
}

/** The one way a failure leaves the emulator: `{ error: { type, message } }` with its status. */
export function errorResponse(error: unknown): Response {
  const known =
    error instanceof EmulatorError
      ? error
      : new EmulatorError(500, 'internal-server-error', 'The emulator failed to handle this request');
  if (!(error instanceof EmulatorError)) console.error('[emulator] unexpected error:', error);
  const body = JSON.stringify({ error: { type: known.type, message: known.message } });
  return new Response(body, { status: known.status, headers: { 'content-type': JSON_TYPE, ...known.headers } });
}
