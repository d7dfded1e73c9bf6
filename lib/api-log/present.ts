import 'server-only';
import type { ApiLog } from '../types';
import { apiLogBook } from './book';
import { curlCommand } from './curl';

/** The session's API log as the browser gets it: newest first, each call with its curl command. */
export function apiLogOf(sessionId: string, book = apiLogBook()): ApiLog {
  return {
    capacity: book.maxEntries,
    entries: book.calls(sessionId).map((call) => ({
      id: call.id,
      at: new Date(call.startedAt).toISOString(),
      method: call.method,
      path: call.path,
      status: call.status,
      durationMs: call.durationMs,
      clientKey: call.clientKey,
      target: call.target,
      bodyTruncated: call.bodyTruncated,
      curl: curlCommand(call),
    })),
  };
}
