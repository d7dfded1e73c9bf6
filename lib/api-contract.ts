import { z } from 'zod';

// The API contract: what the Apify request-queue API accepts, validated alike by the emulator (query
// strings, bodies) and by the gateway (through `action-inputs.ts`). Nothing dashboard-only belongs here.

// zod probes `new Function` to compile object parsers; in the browser the CSP forbids it and reports
// the probe as a violation even though zod catches the error. The server keeps the compiled parsers.
if (typeof window !== 'undefined') z.config({ jitless: true });

/** Queue IDs are 17 alphanumerics; we accept 1–40 so foreign IDs still reach a clean 404. */
export const QUEUE_ID_PATTERN = /^[A-Za-z0-9]{1,40}$/;
/** Storage names: letters, digits and inner hyphens, at most 63 characters. */
export const QUEUE_NAME_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
/** `~name` or `username~name` (usernames: letters, digits, `.`, `_`, `-`). */
export const QUEUE_NAME_REF_PATTERN = /^([A-Za-z0-9._-]{0,64})~([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)$/;
/** Request IDs are 15 characters of base64 with `+`, `/`, `=` removed. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9]{1,40}$/;

export const MAX_HEAD_LIMIT = 1000;
export const DEFAULT_HEAD_LIMIT = 100;
export const MAX_LOCK_LIMIT = 25;
export const MAX_LOCK_SECS = 86_400;
export const MAX_BATCH_SIZE = 25;
export const MAX_LIST_QUEUES_LIMIT = 1000;
export const MAX_LIST_REQUESTS_LIMIT = 10_000;
export const DEFAULT_LIST_REQUESTS_LIMIT = 1000;
export const MAX_CLIENT_KEY_LENGTH = 32;

export const queueRefSchema = z
  .string()
  .refine((value) => QUEUE_ID_PATTERN.test(value) || QUEUE_NAME_REF_PATTERN.test(value), {
    message: 'must be a queue ID (letters and digits) or "username~name"',
  });
export const queueNameSchema = z.string().regex(QUEUE_NAME_PATTERN, 'must be 1–63 letters, digits or inner hyphens');
export const requestIdSchema = z.string().regex(REQUEST_ID_PATTERN, 'must be letters and digits only');
export const clientKeySchema = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_CLIENT_KEY_LENGTH, `must be at most ${MAX_CLIENT_KEY_LENGTH} characters`);
export const lockSecsSchema = z
  .number({ error: 'must be a number of seconds' })
  .positive('must be greater than 0')
  .max(MAX_LOCK_SECS, `must be at most ${MAX_LOCK_SECS} (24 hours)`);
export const headLimitSchema = z
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1');
export const lockLimitSchema = headLimitSchema.max(MAX_LOCK_LIMIT, `must be at most ${MAX_LOCK_LIMIT}`);
export const requestFilterSchema = z.enum(['locked', 'pending']);
export type RequestFilter = z.infer<typeof requestFilterSchema>;
