import 'server-only';
import { exportInput } from '../action-inputs';
import { invalidInputError } from '../apify/errors';
import { exportStream } from '../apify/export';
import { EXPORT_HEADER, EXPORT_TOTAL_HEADER } from '../inspect/types';
import { getSession } from '../session';
import type { ActionError, ErrorCode } from '../types';
import { endSessionOnRefusal, gatewayContextFor, signedOut } from './context';

// The export route's server side (a route may reach the gateway only through lib/actions). Not a
// server action: it answers a GET with a file, streamed page by page.

const STATUS: Record<ErrorCode, number> = {
  'invalid-input': 400,
  unauthenticated: 401,
  forbidden: 403,
  'read-only': 403,
  'not-found': 404,
  'lock-conflict': 409,
  'needs-acknowledgement': 409,
  'rate-limited': 429,
  internal: 500,
  'upstream-unavailable': 502,
  timeout: 504,
};

const NO_STORE = { 'cache-control': 'no-store' };

const errorResponse = (error: ActionError) =>
  Response.json({ error }, { status: STATUS[error.code], headers: { ...NO_STORE } });

/** What `GET /queues/<queueId>/export?format=…&filter=…&url=…` answers. */
export async function exportResponse(request: Request, queueId: string): Promise<Response> {
  if (request.headers.get(EXPORT_HEADER) !== '1') {
    return new Response(
      `Refused: an export is started by the Headlock page, which sends the header ${EXPORT_HEADER}: 1. A link or a form on another site cannot send it.\n`,
      { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8', ...NO_STORE } },
    );
  }
  const query = new URL(request.url).searchParams;
  const url = query.get('url');
  const input = {
    queueId,
    format: query.get('format') ?? undefined,
    view: { filter: query.get('filter') ?? 'all', ...(url ? { urlContains: url } : {}) },
  };
  const parsed = exportInput.safeParse(input);
  if (!parsed.success) return errorResponse(invalidInputError(parsed.error));
  const session = await getSession();
  const context = gatewayContextFor(session);
  if (!context) return errorResponse(signedOut.error);
  const result = await exportStream(context.ctx, parsed.data, { callLog: context.callLog });
  endSessionOnRefusal(session, result);
  if (!result.ok) return errorResponse(result.error);
  const { stream, total, filename, contentType } = result.data;
  return new Response(stream, {
    status: 200,
    headers: {
      'content-type': contentType,
      'content-disposition': `attachment; filename="${filename}"`,
      [EXPORT_TOTAL_HEADER]: String(total),
      ...NO_STORE,
    },
  });
}
