import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { bulkRequestsInput, exportInput, findRequestInput, scanPageInput } from '../action-inputs';

const QUEUE = 'WkzbQMuFYuamGv3YF';
const REQUEST = 'Zx3dKp9QmW2aB7c';

/** The messages per field of a refused input (an accepted one fails the test). */
function refusal(schema: z.ZodType, input: unknown): Record<string, string[]> {
  const result = schema.safeParse(input);
  if (result.success) throw new Error(`accepted ${JSON.stringify(input)}`);
  const fields: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join('.');
    fields[field] = [...(fields[field] ?? []), issue.message];
  }
  return fields;
}

describe('inspection inputs refuse with a specific message', () => {
  it.each<[string, z.ZodType, unknown, string, string]>([
    ['empty text', findRequestInput, { queueId: QUEUE, text: '' }, 'text', 'type a request ID, a uniqueKey or a URL'],
    ['blank text', findRequestInput, { queueId: QUEUE, text: ' \n\t' }, 'text', 'type a request ID'],
    ['long text', findRequestInput, { queueId: QUEUE, text: 'x'.repeat(2001) }, 'text', 'at most 2,000 characters'],
    ['bad queue', findRequestInput, { queueId: '../x', text: 'a' }, 'queueId', 'queue ID'],
    ['bad filter', scanPageInput, { queueId: QUEUE, view: { filter: 'done' } }, 'view.filter', 'one of all, pending'],
    [
      'long urlContains',
      scanPageInput,
      { queueId: QUEUE, view: { filter: 'all', urlContains: 'x'.repeat(2001) } },
      'view.urlContains',
      'at most 2,000',
    ],
    [
      'long cursor',
      scanPageInput,
      { queueId: QUEUE, view: { filter: 'all' }, cursor: 'c'.repeat(501) },
      'cursor',
      '500',
    ],
    [
      'unknown operation',
      bulkRequestsInput,
      { queueId: QUEUE, operation: 'nuke', requestIds: [REQUEST] },
      'operation',
      'reclaim, mark-handled, delete',
    ],
    [
      'no IDs',
      bulkRequestsInput,
      { queueId: QUEUE, operation: 'delete', requestIds: [] },
      'requestIds',
      'at least one',
    ],
    [
      '51 IDs',
      bulkRequestsInput,
      { queueId: QUEUE, operation: 'delete', requestIds: Array(51).fill(REQUEST) },
      'requestIds',
      'at most 50',
    ],
    [
      'crafted ID',
      bulkRequestsInput,
      { queueId: QUEUE, operation: 'delete', requestIds: ['a/../b'] },
      'requestIds.0',
      'letters and digits',
    ],
    ['unknown format', exportInput, { queueId: QUEUE, format: 'xlsx', view: { filter: 'all' } }, 'format', 'ndjson'],
  ])('%s', (_, schema, input, field, message) => {
    expect(refusal(schema, input)[field]?.join(' ')).toContain(message);
  });
});

describe('inspection inputs accept', () => {
  it('find keeps the text as typed (a uniqueKey may have spaces around it)', () => {
    expect(findRequestInput.parse({ queueId: QUEUE, text: ' a ' }).text).toBe(' a ');
  });

  it('bulk defaults forefront and resetRetries to false, and takes 50 IDs', () => {
    expect(
      bulkRequestsInput.parse({ queueId: QUEUE, operation: 'reclaim', requestIds: Array(50).fill(REQUEST) }),
    ).toMatchObject({ forefront: false, resetRetries: false });
  });

  it('a view with or without urlContains', () => {
    expect(scanPageInput.parse({ queueId: QUEUE, view: { filter: 'failed' } }).view).toEqual({ filter: 'failed' });
    expect(exportInput.parse({ queueId: QUEUE, format: 'csv', view: { filter: 'all', urlContains: '/p/' } })).toEqual({
      queueId: QUEUE,
      format: 'csv',
      view: { filter: 'all', urlContains: '/p/' },
    });
  });
});
