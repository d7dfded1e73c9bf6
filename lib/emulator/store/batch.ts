import { MAX_BATCH_SIZE } from '../../api-contract';
import { invalidInput } from '../errors';
import type { RequestQueueClientRequestToDelete } from './results';

/** The items of a batch call's body: a JSON array of at most MAX_BATCH_SIZE (25). */
export function batchItems(body: unknown): unknown[] {
  if (!Array.isArray(body)) throw invalidInput('The body must be a JSON array of requests');
  if (body.length > MAX_BATCH_SIZE) {
    throw invalidInput(`A batch may hold at most ${MAX_BATCH_SIZE} requests, got ${body.length}`);
  }
  return body;
}

const nonEmptyString = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** One item of a batch delete: an object with a non-empty `id` or `uniqueKey` (other values are ignored). */
export function parseDeleteItem(item: unknown, index: number): RequestQueueClientRequestToDelete {
  if (typeof item === 'object' && item !== null) {
    const id = 'id' in item ? nonEmptyString(item.id) : undefined;
    const uniqueKey = 'uniqueKey' in item ? nonEmptyString(item.uniqueKey) : undefined;
    if (id !== undefined) return uniqueKey === undefined ? { id } : { id, uniqueKey };
    if (uniqueKey !== undefined) return { uniqueKey };
  }
  throw invalidInput(`Invalid request at index ${index}: give an id or a uniqueKey`);
}
