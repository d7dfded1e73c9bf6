import { z } from 'zod';
import { requestIdInput } from '../action-inputs';
import { headLimitSchema, lockLimitSchema, QUEUE_ID_PATTERN } from '../api-contract';
import { LANE_IDS } from './types';

// The lock lab's action inputs, checked on the server (as lib/ops/inputs.ts, apart from the browser's
// bundle of lib/action-inputs.ts).

export const MAX_LAB_REQUESTS = 200;
export const MAX_LAB_LOCK_SECS = 600;
const MAX_LAB_READ_LIMIT = 100;
const MAX_ERROR_MESSAGE_CHARS = 500;

/**
 * A lab queue is kept by its ID, so a name (`~name`) is not taken here: `queueIdInput` would accept one,
 * and the same queue would then be two lab queues.
 */
const labQueueId = z
  .string({ error: 'must be a queue ID' })
  .regex(QUEUE_ID_PATTERN, 'must be a queue ID (letters and digits)');

const wholeCount = (what: string) =>
  z.number({ error: `must be a number of ${what}` }).int(`must be a whole number of ${what}`);

export const newLabQueueInput = z
  .object({
    requests: wholeCount('requests')
      .min(1, 'must be at least 1 request')
      .max(MAX_LAB_REQUESTS, `must be at most ${MAX_LAB_REQUESTS} requests (the lab shows every one)`)
      .default(20),
    forefront: wholeCount('requests').min(0, 'must not be negative').default(3),
    handled: wholeCount('requests').min(0, 'must not be negative').default(2),
    /** On Apify, the user confirmed that a queue is created on their account. */
    confirmed: z.boolean({ error: 'must be true or false' }).default(false),
  })
  .superRefine((value, ctx) => {
    if (value.forefront + value.handled > value.requests) {
      ctx.addIssue({
        code: 'custom',
        path: ['forefront'],
        message: `and handled together (${value.forefront} + ${value.handled}) must be at most the number of requests (${value.requests})`,
      });
    }
  });

export const labQueueInput = z.object({ queueId: labQueueId });

export const adoptLabQueueInput = z.object({
  queueId: labQueueId,
  confirmed: z.literal(true, {
    error:
      'must be true: confirm that the lab may run up to four clients on this queue (its hadMultipleClients turns true for good, and locks hide requests from its crawlers)',
  }),
});

const lane = z.enum(LANE_IDS, { error: `must be one of the lanes ${LANE_IDS.join(', ')}` });
const labLockSecs = z
  .number({ error: 'must be a number of seconds' })
  .min(1, 'must be at least 1 second')
  .max(MAX_LAB_LOCK_SECS, `must be at most ${MAX_LAB_LOCK_SECS} seconds (10 minutes) in the lab`);
const forefront = z.boolean({ error: 'must be true or false' }).default(false);
const requestId = z.string({ error: 'is required: which request?' }).pipe(requestIdInput);
const step = { queueId: labQueueId, lane };

export const labStepInput = z.discriminatedUnion(
  'op',
  [
    z.object({ ...step, op: z.literal('lock'), lockSecs: labLockSecs, limit: lockLimitSchema }),
    z.object({
      ...step,
      op: z.literal('read'),
      limit: headLimitSchema.max(MAX_LAB_READ_LIMIT, `must be at most ${MAX_LAB_READ_LIMIT}`),
    }),
    z.object({ ...step, op: z.literal('prolong'), requestId, lockSecs: labLockSecs, forefront }),
    z.object({ ...step, op: z.literal('unlock'), requestId, forefront }),
    z.object({ ...step, op: z.literal('handled'), requestId }),
    z.object({
      ...step,
      op: z.literal('fail'),
      requestId,
      errorMessage: z
        .string({ error: 'must be text' })
        .trim()
        .min(1, 'must not be empty: say why the attempt failed')
        .max(MAX_ERROR_MESSAGE_CHARS, `must be at most ${MAX_ERROR_MESSAGE_CHARS} characters`),
      forefront,
    }),
  ],
  { error: 'must be one of lock, read, prolong, unlock, handled or fail' },
);
