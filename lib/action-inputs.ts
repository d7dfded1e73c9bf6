import { z } from 'zod';
import {
  clientKeySchema,
  DEFAULT_HEAD_LIMIT,
  headLimitSchema,
  lockLimitSchema,
  lockSecsSchema,
  MAX_HEAD_LIMIT,
  MAX_LIST_QUEUES_LIMIT,
  queueRefSchema,
  requestIdSchema,
} from './api-contract';
import { BULK_OPERATIONS, EXPORT_FORMATS, MAX_BULK_IDS, MAX_SEARCH_LENGTH, REQUEST_FILTERS } from './inspect/types';

// What the dashboard's server actions accept from the browser: the API contract's values, narrowed
// where the dashboard is stricter (IDs go into URL paths unencoded), plus the dashboard's own inputs.

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
export const setWritesArmedInput = z.object({ armed: z.boolean() });

// Inspection at scale (lib/inspect/types.ts).
const tooLong = `must be at most ${MAX_SEARCH_LENGTH.toLocaleString('en-US')} characters`;
/** Kept as typed (a uniqueKey may start or end with spaces); only its trimmed form must be non-empty. */
export const findRequestInput = z.object({
  queueId: queueIdInput,
  text: z
    .string()
    .max(MAX_SEARCH_LENGTH, tooLong)
    .refine((value) => value.trim() !== '', 'type a request ID, a uniqueKey or a URL'),
});
export const requestViewInput = z.object({
  filter: z.enum(REQUEST_FILTERS, `must be one of ${REQUEST_FILTERS.join(', ')}`),
  urlContains: z.string().max(MAX_SEARCH_LENGTH, tooLong).optional(),
});
export const scanPageInput = z.object({
  queueId: queueIdInput,
  view: requestViewInput,
  cursor: z.string().max(500, 'must be at most 500 characters').optional(),
});
export const bulkRequestsInput = z.object({
  queueId: queueIdInput,
  operation: z.enum(BULK_OPERATIONS, `must be one of ${BULK_OPERATIONS.join(', ')}`),
  requestIds: z
    .array(requestIdInput)
    .min(1, 'give at least one request ID')
    .max(MAX_BULK_IDS, `at most ${MAX_BULK_IDS} request IDs per call`),
  forefront: z.boolean().default(false),
  resetRetries: z.boolean().default(false),
});
export const exportInput = z.object({
  queueId: queueIdInput,
  format: z.enum(EXPORT_FORMATS, `must be one of ${EXPORT_FORMATS.join(', ')}`),
  view: requestViewInput,
});
