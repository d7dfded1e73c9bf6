import { z } from 'zod';

// Shared by the emulator (query strings, bodies) and the app (action input, route params):
// one definition of what the Apify request-queue API accepts.

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

// ---- server-action input (the browser's requests to the gateway) -------------------------------

/** IDs go into apify-client's URL paths unencoded: only these characters ever reach it. */
export const queueIdInput = queueRefSchema;
export const requestIdInput = requestIdSchema;
/** The dashboard's own keys stay URL-safe, within the API's 32 characters. */
export const clientKeyInput = clientKeySchema.regex(
  /^[A-Za-z0-9._-]+$/,
  'may hold only letters, digits, ".", "_" and "-"',
);
const httpUrl = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .refine((value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// URL');

export const listQueuesInput = z.object({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(MAX_LIST_QUEUES_LIMIT).default(100),
  desc: z.boolean().default(false),
  unnamed: z.boolean().default(false),
});
export const queueInput = z.object({ queueId: queueIdInput });
export const snapshotInput = z.object({
  queueId: queueIdInput,
  limit: headLimitSchema.max(MAX_HEAD_LIMIT, `must be at most ${MAX_HEAD_LIMIT}`).default(DEFAULT_HEAD_LIMIT),
});
export const locateInput = z.object({
  queueId: queueIdInput,
  // As many as one head read can hold: "Unlock all mine" may send that many behind the shown part.
  requestIds: z.array(requestIdInput).min(1, 'give at least one request ID').max(MAX_HEAD_LIMIT),
});
export const lockHeadInput = z.object({
  queueId: queueIdInput,
  lockSecs: lockSecsSchema,
  limit: lockLimitSchema,
});
export const prolongLockInput = z.object({
  queueId: queueIdInput,
  requestId: requestIdInput,
  lockSecs: lockSecsSchema,
  /** Where the request returns when this lock expires: the front, or the end (default). */
  forefront: z.boolean().default(false),
});
export const deleteLockInput = z.object({
  queueId: queueIdInput,
  requestId: requestIdInput,
  forefront: z.boolean().default(false),
});
export const requestInput = z.object({ queueId: queueIdInput, requestId: requestIdInput });
export const listRequestsInput = z.object({
  queueId: queueIdInput,
  limit: z.number().int().min(1).max(1000).default(50),
  cursor: z.string().max(500).optional(),
  filter: z.enum(['all', 'pending', 'locked']).default('all'),
});
export const addRequestsInput = z.object({
  queueId: queueIdInput,
  urls: z.array(httpUrl).min(1, 'give at least one URL').max(10_000, 'at most 10,000 URLs at once'),
  forefront: z.boolean().default(false),
});
export const updateRequestInput = z.object({
  queueId: queueIdInput,
  requestId: requestIdInput,
  change: z.enum(['mark-handled', 'reclaim']),
  forefront: z.boolean().default(false),
});
export const deleteRequestsInput = z.object({
  queueId: queueIdInput,
  requestIds: z.array(requestIdInput).min(1).max(1000),
});
export const setClientKeyInput = z.object({ clientKey: clientKeyInput });
export const actAsInput = z.object({ queueId: queueIdInput, clientKey: clientKeyInput });
export const connectApifyInput = z.object({
  token: z.string().trim().min(1, 'paste your Apify API token').max(200, 'that is too long for an Apify token'),
});
