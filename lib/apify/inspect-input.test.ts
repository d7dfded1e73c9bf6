import { describe, expect, it } from 'vitest';
import type { ActionResult } from '../types';
import { failure } from './action-result.test-support';
import { bulkRequests } from './bulk';
import { emulatorForThisFile, urlsFor } from './emulator.test-support';
import { exportStream } from './export';
import { findRequest } from './find';
import type { GatewayContext } from './gateway';
import { scanPage } from './scan';

// Bad input is refused with a field message before any upstream call, and changes nothing.

const emulator = emulatorForThisFile('input');
const { store } = emulator;
const queue = emulator.makeQueue(urlsFor('input', 3));
const ID = 'Zx3dKp9QmW2aB7c';
const ALL = { filter: 'all' };

type Operation = (ctx: GatewayContext, input: unknown) => Promise<ActionResult<unknown>>;
const CASES: [string, Operation, () => unknown, string, RegExp][] = [
  ['empty text', findRequest, () => ({ queueId: queue.id, text: '' }), 'text', /type a request ID/],
  ['10 kB text', findRequest, () => ({ queueId: queue.id, text: 'x'.repeat(10_000) }), 'text', /at most 2,000/],
  ['bad queue ID (find)', findRequest, () => ({ queueId: '../x', text: 'a' }), 'queueId', /queue ID/],
  ['bad queue ID (scan)', scanPage, () => ({ queueId: 'a?b', view: ALL }), 'queueId', /queue ID/],
  ['unknown filter', scanPage, () => ({ queueId: queue.id, view: { filter: 'done' } }), 'view.filter', /one of/],
  [
    'unknown operation',
    bulkRequests,
    () => ({ queueId: queue.id, operation: 'purge', requestIds: [queue.ids[0]] }),
    'operation',
    /reclaim, mark-handled, delete/,
  ],
  [
    '51 IDs',
    bulkRequests,
    () => ({ queueId: queue.id, operation: 'delete', requestIds: [...queue.ids, ...Array(48).fill(ID)] }),
    'requestIds',
    /at most 50/,
  ],
  [
    'crafted request ID',
    bulkRequests,
    () => ({ queueId: queue.id, operation: 'delete', requestIds: ['../x'] }),
    'requestIds.0',
    /letters and digits/,
  ],
  [
    'unknown export format',
    exportStream,
    () => ({ queueId: queue.id, format: 'xlsx', view: ALL }),
    'format',
    /ndjson, json, csv/,
  ],
];

describe('inspection refuses bad input', () => {
  it.each(CASES)(
    '%s → invalid-input naming the field; nothing called, nothing changed',
    async (_, op, input, field, message) => {
      const before = store.db.prepare('SELECT * FROM requests WHERE queue_id = ? ORDER BY id').all(queue.id);
      const queueBefore = store.getQueue(queue.id);
      const error = failure(await op(emulator.ctx(), input()));
      expect(error.code).toBe('invalid-input');
      expect(error.fieldErrors?.[field]?.join(' ')).toMatch(message);
      expect(emulator.seen).toEqual([]);
      expect(store.db.prepare('SELECT * FROM requests WHERE queue_id = ? ORDER BY id').all(queue.id)).toEqual(before);
      expect(store.getQueue(queue.id)).toEqual(queueBefore);
    },
  );
});
