import { describe, expect, it } from 'vitest';
import { failure, must } from './action-result.test-support';
import { bulkRequests } from './bulk';
import { A, emulatorForThisFile, urlsFor } from './emulator.test-support';

// bulkRequests over the real chain: gateway → apify-client → HTTP → emulator.

const emulator = emulatorForThisFile('bulk');
const { store } = emulator;
const HANDLED = { handledAt: '2026-01-01T00:00:00.000Z' };

const rowsOf = (queueId: string) =>
  store.db.prepare('SELECT * FROM requests WHERE queue_id = ? ORDER BY id').all(queueId) as { id: string }[];
const counts = (queueId: string) => {
  const queue = store.getQueue(queueId);
  return { total: queue.totalRequestCount, handled: queue.handledRequestCount, pending: queue.pendingRequestCount };
};
const headIds = (queueId: string) => store.listHead(queueId, { limit: 100, clientKey: A }).items.map((item) => item.id);
/** The requests other than `ids`, as stored: a bulk action must leave them as they were. */
const others = (queueId: string, ids: string[]) => rowsOf(queueId).filter((row) => !ids.includes(row.id));
const stateOf = (queueId: string, id: string) => {
  const request = store.getRequest(queueId, id);
  return { handledAt: request.handledAt ?? null, retryCount: request.retryCount };
};
/** Locks the head's first `limit` requests for `clientKey`. */
const lock = (queueId: string, clientKey: string, limit: number) =>
  store.listAndLockHead(queueId, { lockSecs: 600, limit, clientKey }).items.map((item) => item.id);

/** A queue of 10: requests 0–3 handled (retried 3 times), 4–9 pending. */
function mixedQueue() {
  return emulator.makeQueue(urlsFor(`mix${Math.random().toString(36).slice(2, 8)}`, 10), (i) =>
    i < 4 ? { ...HANDLED, retryCount: 3 } : {},
  );
}

describe('bulkRequests: reclaim', () => {
  it('sends handled requests back, releases our own locks, leaves pending ones and all others alone', async () => {
    const queue = mixedQueue();
    const [mine] = lock(queue.id, A, 1);
    const ids = [queue.ids[0], queue.ids[1], mine, queue.ids[9]] as string[];
    const before = others(queue.id, ids);
    const result = must(
      await bulkRequests(emulator.ctx(), { queueId: queue.id, operation: 'reclaim', requestIds: ids }),
    );
    expect(result.outcomes).toEqual([
      { requestId: ids[0], status: 'done' },
      { requestId: ids[1], status: 'done' },
      { requestId: ids[2], status: 'done' },
      { requestId: ids[3], status: 'unchanged', message: 'already pending' },
    ]);
    expect(counts(queue.id)).toEqual({ total: 10, handled: 2, pending: 8 });
    expect(store.getRequest(queue.id, mine as string)).not.toHaveProperty('lockExpiresAt');
    expect(stateOf(queue.id, ids[0] as string)).toEqual({ handledAt: null, retryCount: 3 });
    expect(others(queue.id, ids)).toEqual(before);
  });

  it('to the front with retries reset, on request', async () => {
    const queue = mixedQueue();
    const ids = [queue.ids[2], queue.ids[8]] as string[];
    must(
      await bulkRequests(emulator.ctx(), {
        queueId: queue.id,
        operation: 'reclaim',
        requestIds: ids,
        forefront: true,
        resetRetries: true,
      }),
    );
    expect(headIds(queue.id).slice(0, 2).sort()).toEqual([...ids].sort());
    expect(stateOf(queue.id, ids[0] as string)).toEqual({ handledAt: null, retryCount: 0 });
  });
});

describe('bulkRequests: mark-handled', () => {
  it('marks pending and our locked requests handled, leaves handled ones', async () => {
    const queue = mixedQueue();
    const [mine] = lock(queue.id, A, 1);
    const ids = [mine, queue.ids[9], queue.ids[0]] as string[];
    const before = others(queue.id, ids);
    const result = must(
      await bulkRequests(emulator.ctx(), { queueId: queue.id, operation: 'mark-handled', requestIds: ids }),
    );
    expect(result.outcomes.map((outcome) => outcome.status)).toEqual(['done', 'done', 'unchanged']);
    expect(counts(queue.id)).toEqual({ total: 10, handled: 6, pending: 4 });
    expect(store.getRequest(queue.id, mine as string)).not.toHaveProperty('lockExpiresAt');
    expect(store.getRequest(queue.id, ids[1] as string).handledAt).not.toBeNull();
    expect(others(queue.id, ids)).toEqual(before);
  });
});

describe('bulkRequests: delete', () => {
  it('deletes exactly the given requests, 25 per batch call; missing ones are already gone', async () => {
    const queue = emulator.makeQueue(urlsFor('del', 40));
    const ids = [...queue.ids.slice(0, 30), 'NoSuchRequest12'];
    const before = others(queue.id, ids);
    const result = must(
      await bulkRequests(emulator.ctx(), { queueId: queue.id, operation: 'delete', requestIds: ids }),
    );
    expect(result.outcomes.slice(0, 30).every((outcome) => outcome.status === 'done')).toBe(true);
    expect(result.outcomes[30]).toEqual({ requestId: 'NoSuchRequest12', status: 'unchanged', message: 'already gone' });
    expect(counts(queue.id).total).toBe(10);
    expect(others(queue.id, ids)).toEqual(before);
    const batches = emulator.seen.filter((call) => call.method === 'DELETE' && call.path.endsWith('/requests/batch'));
    expect(batches).toHaveLength(2);
  });
});

describe('bulkRequests: a request locked by another client', () => {
  it.each(['reclaim', 'mark-handled', 'delete'] as const)(
    '%s fails it as lock-conflict and changes nothing',
    async (operation) => {
      const queue = mixedQueue();
      const [theirs] = lock(queue.id, 'crawler-7', 1);
      const rowsBefore = rowsOf(queue.id);
      const { outcomes } = must(
        await bulkRequests(emulator.ctx(), { queueId: queue.id, operation, requestIds: [theirs as string] }),
      );
      expect(outcomes).toEqual([
        {
          requestId: theirs,
          status: 'failed',
          code: 'lock-conflict',
          message: expect.stringMatching(
            /^Locked by client crawler-7 until \d\d:\d\d:\d\d UTC; nothing was changed\.$/,
          ),
        },
      ]);
      expect(rowsOf(queue.id)).toEqual(rowsBefore);
      expect(store.getRequest(queue.id, theirs as string)).toMatchObject({ lockByClient: 'crawler-7' });
    },
  );

  it('while acting as that client, its locks are ours', async () => {
    const queue = mixedQueue();
    const [theirs] = lock(queue.id, 'crawler-8', 1);
    const ctx = emulator.ctx(A, { actingAs: { queueId: queue.id, clientKey: 'crawler-8' } });
    const { outcomes } = must(
      await bulkRequests(ctx, { queueId: queue.id, operation: 'reclaim', requestIds: [theirs as string] }),
    );
    expect(outcomes).toEqual([{ requestId: theirs, status: 'done' }]);
    expect(store.getRequest(queue.id, theirs as string)).not.toHaveProperty('lockExpiresAt');
  });
});

describe('bulkRequests: refusals', () => {
  it.each(['reclaim', 'mark-handled', 'delete'] as const)(
    '%s in a read-only session calls nothing',
    async (operation) => {
      const queue = mixedQueue();
      const ctx = emulator.ctx(A, { writesArmed: false });
      const error = failure(await bulkRequests(ctx, { queueId: queue.id, operation, requestIds: [queue.ids[0]] }));
      expect(error.code).toBe('read-only');
      expect(emulator.seen).toEqual([]);
    },
  );

  it('an unknown queue is not-found', async () => {
    const input = { queueId: 'NoSuchQueue123456', operation: 'delete', requestIds: ['NoSuchRequest12'] };
    expect(failure(await bulkRequests(emulator.ctx(), input)).code).toBe('not-found');
  });

  it('a missing request fails as not-found in reclaim and mark-handled', async () => {
    const queue = mixedQueue();
    const input = { queueId: queue.id, operation: 'reclaim', requestIds: ['NoSuchRequest12', queue.ids[0]] };
    const { outcomes } = must(await bulkRequests(emulator.ctx(), input));
    expect(outcomes).toEqual([
      { requestId: 'NoSuchRequest12', status: 'failed', code: 'not-found', message: 'That request does not exist.' },
      { requestId: queue.ids[0], status: 'done' },
    ]);
  });
});
