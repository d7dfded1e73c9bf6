import { z } from 'zod';
import { invalidInput } from './errors';
import type { RequestQueueClientListItem, RequestQueueClientRequestSchema } from './store/results';
import type { HeadRow, RequestRow } from './store/rows';

// What a request body may hold. Fields beyond the ones we index are kept as given.
const requestBodySchema = z.looseObject({
  id: z.string().optional(),
  uniqueKey: z.string({ error: 'uniqueKey must be a string' }).min(1, 'uniqueKey must not be empty'),
  url: z.string({ error: 'url must be a string' }).min(1, 'url must not be empty'),
  method: z.string().min(1).max(16).optional(),
  retryCount: z.number().int().min(0).optional(),
  handledAt: z
    .union([z.string(), z.null()])
    .optional()
    .refine((v) => v == null || !Number.isNaN(Date.parse(v)), 'handledAt must be an ISO date or null'),
});

export interface RequestInput {
  id: string | undefined;
  uniqueKey: string;
  url: string;
  method: string;
  retryCount: number;
  handledAt: string | null;
  /** Everything else the caller sent (userData, headers, payload, errorMessages, …), as JSON. */
  extra: string;
}

/** Validates one request body; `where` prefixes messages for items of a batch. */
export function parseRequestInput(body: unknown, where = 'request'): RequestInput {
  const parsed = requestBodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    const message =
      typeof body === 'object' && body !== null && !Array.isArray(body) ? issue?.message : 'must be a JSON object';
    throw invalidInput(`Invalid ${where}: ${field}${message ?? 'invalid value'}`);
  }
  const { id, uniqueKey, url, method, retryCount, handledAt, ...given } = parsed.data;
  // Lock details are the server's to report: a read-modify-write that echoes them back must not store them.
  const { lockExpiresAt: _expiresAt, lockByClient: _byClient, ...rest } = given;
  return {
    id,
    uniqueKey,
    url,
    method: method ?? 'GET',
    retryCount: retryCount ?? 0,
    handledAt: handledAt == null ? null : new Date(handledAt).toISOString(),
    extra: JSON.stringify(rest),
  };
}

/** A lock is live while the ordering key lies beyond `now` on either side. */
export function lockExpiry(orderNo: number | null, now: number): number | null {
  if (orderNo === null) return null;
  const at = Math.abs(orderNo);
  return at > now ? at : null;
}

/** The stored request as the API returns it, with lock details while it is locked. */
export function requestToJson(row: RequestRow, now: number): RequestQueueClientRequestSchema {
  const expiresAt = lockExpiry(row.order_no, now);
  return {
    id: row.id,
    uniqueKey: row.unique_key,
    url: row.url,
    method: row.method,
    retryCount: row.retry_count,
    ...(JSON.parse(row.extra) as Record<string, unknown>),
    // A pending request has no handledAt at all: Crawlee's `new Request()` rejects `handledAt: null`.
    ...(row.handled_at === null ? {} : { handledAt: row.handled_at }),
    ...(expiresAt === null ? {} : { lockExpiresAt: new Date(expiresAt).toISOString(), lockByClient: row.lock_client }),
  };
}

/** A request as the head lists it. */
export const headItemToJson = (row: HeadRow): RequestQueueClientListItem => ({
  id: row.id,
  uniqueKey: row.unique_key,
  url: row.url,
  method: row.method,
  retryCount: row.retry_count,
});

/** The head items just locked; their expiry is formatted once, not per item. */
export function lockedHeadItemsToJson(rows: HeadRow[], expiresAt: number): RequestQueueClientListItem[] {
  if (rows.length === 0) return [];
  const lockExpiresAt = new Date(expiresAt).toISOString();
  return rows.map((row) => ({ ...headItemToJson(row), lockExpiresAt }));
}
