import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './db';
import { EmulatorError } from './errors';
import { EmulatorStore } from './store';

const START = Date.UTC(2026, 0, 1, 12, 0, 0);
let now = START;
let store: EmulatorStore;
let queue: string;

const advance = (ms: number) => {
  now += ms;
};
const req = (key: string, extra: Record<string, unknown> = {}) => ({
  url: `https://x.test/${key}`,
  uniqueKey: key,
  ...extra,
});
const headKeys = (clientKey = 'A', limit = 100) =>
  store.listHead(queue, { limit, clientKey }).items.map((item) => item.uniqueKey);
const idOf = (key: string) => createHash('sha256').update(key).digest('base64').replace(/[+/=]/g, '').slice(0, 15);
const counts = () => {
  const q = store.getQueue(queue);
  return { total: q.totalRequestCount, handled: q.handledRequestCount, pending: q.pendingRequestCount };
};

function expectError(fn: () => unknown, status: number, type: string) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EmulatorError);
    expect({ status: (error as EmulatorError).status, type: (error as EmulatorError).type }).toEqual({ status, type });
    return error as EmulatorError;
  }
  throw new Error(`expected ${status} ${type}, but the call succeeded`);
}

function addAll(...keys: string[]) {
  for (const key of keys) store.addRequest(queue, req(key), { clientKey: 'A' });
}

beforeEach(() => {
  now = START;
  store = new EmulatorStore(openDatabase(':memory:'), { now: () => now });
  queue = store.getOrCreateQueue('q').queue.id;
});

describe('listQueues', () => {
  it('lists named queues by default, unnamed ones on request, oldest first, with paging', () => {
    advance(1);
    store.getOrCreateQueue(undefined);
    advance(1);
    store.getOrCreateQueue('later');
    const named = store.listQueues({ offset: 0, limit: 1000, desc: false, unnamed: false });
    expect(named.items.map((q) => q.name)).toEqual(['q', 'later']);
    expect(named).toMatchObject({ total: 2, count: 2, offset: 0, limit: 1000, desc: false, unnamed: false });
    const all = store.listQueues({ offset: 0, limit: 1000, desc: true, unnamed: true });
    expect(all.items.map((q) => q.name)).toEqual(['later', null, 'q']);
    const page = store.listQueues({ offset: 1, limit: 1, desc: false, unnamed: true });
    expect(page).toMatchObject({ total: 3, count: 1 });
    expect(page.items[0]?.name).toBeNull();
  });
});

describe('getOrCreateQueue', () => {
  it('returns the existing queue for a known name and creates unnamed queues every time', () => {
    const again = store.getOrCreateQueue('q');
    expect(again).toMatchObject({ created: false, queue: { id: queue } });
    const a = store.getOrCreateQueue(undefined);
    const b = store.getOrCreateQueue(undefined);
    expect(a.created && b.created).toBe(true);
    expect(a.queue.id).not.toBe(b.queue.id);
    expect(a.queue.id).toMatch(/^[A-Za-z0-9]{17}$/);
    expect(a.queue.name).toBeNull();
  });
});

describe('getQueue', () => {
  it('resolves an ID, ~name and local~name, but not a bare name or another user', () => {
    for (const ref of [queue, '~q', 'local~q']) expect(store.getQueue(ref).id).toBe(queue);
    for (const ref of ['q', 'jane~q', 'NoSuchQueue123456', '../q'])
      expectError(() => store.getQueue(ref), 404, 'record-not-found');
  });

  it('reports counts, timestamps and the local user', () => {
    addAll('a', 'b');
    expect(store.getQueue(queue)).toMatchObject({
      userId: 'HeadlockLocalUser',
      username: 'local',
      totalRequestCount: 2,
      pendingRequestCount: 2,
      handledRequestCount: 0,
      createdAt: new Date(START).toISOString(),
      hadMultipleClients: false,
    });
  });
});

describe('updateQueue', () => {
  it('renames, and refuses a name already taken without changing anything', () => {
    store.getOrCreateQueue('taken');
    expect(store.updateQueue(queue, { name: 'renamed' }).name).toBe('renamed');
    expect(store.getQueue('~renamed').id).toBe(queue);
    expectError(() => store.updateQueue(queue, { name: 'taken' }), 400, 'name-not-unique');
    expect(store.getQueue(queue).name).toBe('renamed');
  });
});

describe('deleteQueue', () => {
  it('removes the queue and its requests', () => {
    addAll('a');
    store.deleteQueue(queue);
    expectError(() => store.getQueue(queue), 404, 'record-not-found');
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM requests').get()).toEqual({ n: 0 });
  });
});

describe('addRequest', () => {
  it('derives the platform request ID from the uniqueKey', () => {
    const result = store.addRequest(queue, req('https://a.com'));
    expect(result).toEqual({ requestId: idOf('https://a.com'), wasAlreadyPresent: false, wasAlreadyHandled: false });
    expect(result.requestId).toHaveLength(15);
  });

  it('deduplicates on uniqueKey without overwriting the stored request', () => {
    store.addRequest(queue, req('k', { url: 'https://a.com' }));
    const again = store.addRequest(queue, req('k', { url: 'https://b.com' }));
    expect(again).toMatchObject({ wasAlreadyPresent: true, wasAlreadyHandled: false });
    expect(store.getRequest(queue, idOf('k')).url).toBe('https://a.com');
    expect(counts()).toEqual({ total: 1, handled: 0, pending: 1 });
  });

  it('stores a request added with handledAt as handled but reports wasAlreadyHandled false', () => {
    const result = store.addRequest(queue, req('h', { handledAt: new Date(START).toISOString() }));
    expect(result.wasAlreadyHandled).toBe(false);
    expect(counts()).toEqual({ total: 1, handled: 1, pending: 0 });
    expect(store.addRequest(queue, req('h'))).toMatchObject({ wasAlreadyPresent: true, wasAlreadyHandled: true });
    expect(headKeys()).toEqual([]);
  });

  it.each([
    ['an id', req('x', { id: 'abc' })],
    ['no url', { uniqueKey: 'x' }],
    ['no uniqueKey', { url: 'https://x.test' }],
    ['a negative retryCount', req('x', { retryCount: -1 })],
    ['a bad handledAt', req('x', { handledAt: 'yesterday' })],
    ['an array', [req('x')]],
  ])('rejects a body with %s', (_, body) => {
    expectError(() => store.addRequest(queue, body), 400, 'invalid-input');
    expect(counts().total).toBe(0);
  });

  it('keeps userData, headers and other fields as given', () => {
    store.addRequest(queue, req('u', { userData: { label: 'X' }, headers: { a: '1' }, errorMessages: ['e'] }));
    expect(store.getRequest(queue, idOf('u'))).toMatchObject({
      userData: { label: 'X' },
      headers: { a: '1' },
      errorMessages: ['e'],
      method: 'GET',
      retryCount: 0,
    });
    expect(store.getRequest(queue, idOf('u'))).not.toHaveProperty('handledAt');
  });
});

describe('batchAddRequests', () => {
  it('adds up to 25, reporting duplicates inside the batch as already present', () => {
    const result = store.batchAddRequests(queue, [req('a'), req('b'), req('a')], { clientKey: 'A' });
    expect(result.processedRequests.map((r) => [r.uniqueKey, r.wasAlreadyPresent])).toEqual([
      ['a', false],
      ['b', false],
      ['a', true],
    ]);
    expect(result.unprocessedRequests).toEqual([]);
    expect(counts().total).toBe(2);
  });

  it('rejects 26 requests, or one invalid item, and adds none', () => {
    const many = Array.from({ length: 26 }, (_, i) => req(`k${i}`));
    expectError(() => store.batchAddRequests(queue, many), 400, 'invalid-input');
    expectError(() => store.batchAddRequests(queue, [req('ok'), { url: 'no-key' }]), 400, 'invalid-input');
    expect(counts().total).toBe(0);
  });

  it('puts a forefront batch before the rest, in batch order', () => {
    addAll('1', '2');
    store.batchAddRequests(queue, [req('f1'), req('f2')], { forefront: true, clientKey: 'A' });
    expect(headKeys()).toEqual(['f2', 'f1', '1', '2']);
  });
});

describe('getRequest', () => {
  it('returns 404 for an unknown request and lock details while locked', () => {
    expectError(() => store.getRequest(queue, 'nope'), 404, 'record-not-found');
    addAll('a');
    expect(store.getRequest(queue, idOf('a'))).not.toHaveProperty('lockExpiresAt');
    store.listAndLockHead(queue, { limit: 1, lockSecs: 60, clientKey: 'A' });
    expect(store.getRequest(queue, idOf('a'))).toMatchObject({
      lockExpiresAt: new Date(START + 60_000).toISOString(),
      lockByClient: 'A',
    });
    advance(60_001);
    expect(store.getRequest(queue, idOf('a'))).not.toHaveProperty('lockExpiresAt');
  });
});

describe('updateRequest', () => {
  it('marks handled: leaves the head, unlocks, moves the counts; a repeat reports wasAlreadyHandled', () => {
    addAll('a', 'b');
    store.listAndLockHead(queue, { limit: 1, lockSecs: 60, clientKey: 'A' });
    const handled = req('a', { handledAt: new Date(now).toISOString() });
    expect(store.updateRequest(queue, idOf('a'), handled, { clientKey: 'A' })).toEqual({
      requestId: idOf('a'),
      wasAlreadyPresent: true,
      wasAlreadyHandled: false,
    });
    expect(store.getRequest(queue, idOf('a'))).not.toHaveProperty('lockExpiresAt');
    expect(counts()).toEqual({ total: 2, handled: 1, pending: 1 });
    expect(store.updateRequest(queue, idOf('a'), handled, { clientKey: 'A' }).wasAlreadyHandled).toBe(true);
    expect(counts().handled).toBe(1);
    expect(headKeys()).toEqual(['b']);
  });

  it('reclaims a handled request with handledAt null, to the end or the front', () => {
    addAll('a', 'b', 'c');
    store.updateRequest(queue, idOf('a'), req('a', { handledAt: new Date(now).toISOString() }), { clientKey: 'A' });
    store.updateRequest(queue, idOf('a'), req('a', { handledAt: null }), { clientKey: 'A' });
    expect(headKeys()).toEqual(['b', 'c', 'a']);
    expect(counts()).toEqual({ total: 3, handled: 0, pending: 3 });
    store.updateRequest(queue, idOf('c'), req('c', { retryCount: 2 }), { clientKey: 'A', forefront: true });
    expect(headKeys()).toEqual(['c', 'b', 'a']);
    expect(store.getRequest(queue, idOf('c')).retryCount).toBe(2);
  });

  it('keeps the lock and its owner when handledAt is not set', () => {
    addAll('a');
    store.listAndLockHead(queue, { limit: 1, lockSecs: 60, clientKey: 'A' });
    store.updateRequest(queue, idOf('a'), req('a', { retryCount: 1 }), { clientKey: 'A' });
    expect(store.getRequest(queue, idOf('a'))).toMatchObject({ lockByClient: 'A', retryCount: 1 });
    expect(headKeys()).toEqual([]);
  });

  it('upserts an unknown request and rejects an ID that does not match the uniqueKey', () => {
    expect(store.updateRequest(queue, idOf('new'), req('new'), { clientKey: 'A' }).wasAlreadyPresent).toBe(false);
    expect(counts().total).toBe(1);
    expectError(() => store.updateRequest(queue, idOf('other'), req('new')), 400, 'request-id-invalid');
    expectError(() => store.updateRequest(queue, idOf('new'), req('new', { id: idOf('x') })), 400, 'invalid-input');
  });

  it('refuses to change a request locked by another client', () => {
    addAll('a');
    store.listAndLockHead(queue, { limit: 1, lockSecs: 60, clientKey: 'A' });
    const handled = req('a', { handledAt: new Date(now).toISOString() });
    expectError(() => store.updateRequest(queue, idOf('a'), handled, { clientKey: 'B' }), 400, 'invalid-client-key');
    expect(counts().handled).toBe(0);
  });
});

describe('deleteRequest', () => {
  it('removes the request and fixes the counts; an absent request is a no-op', () => {
    addAll('a', 'b');
    store.updateRequest(queue, idOf('b'), req('b', { handledAt: new Date(now).toISOString() }), { clientKey: 'A' });
    store.deleteRequest(queue, idOf('b'), { clientKey: 'A' });
    store.deleteRequest(queue, idOf('never'), { clientKey: 'A' });
    expect(counts()).toEqual({ total: 1, handled: 0, pending: 1 });
    expectError(() => store.getRequest(queue, idOf('b')), 404, 'record-not-found');
  });

  it('refuses to delete a request locked by another client', () => {
    addAll('a');
    store.listAndLockHead(queue, { limit: 1, lockSecs: 60, clientKey: 'A' });
    expectError(() => store.deleteRequest(queue, idOf('a'), { clientKey: 'B' }), 400, 'invalid-client-key');
    expect(counts().total).toBe(1);
  });
});

describe('batchDeleteRequests', () => {
  it("deletes by id or uniqueKey and leaves other clients' locked requests unprocessed", () => {
    addAll('a', 'b', 'c');
    store.listAndLockHead(queue, { limit: 1, lockSecs: 60, clientKey: 'B' });
    const result = store.batchDeleteRequests(queue, [{ uniqueKey: 'a' }, { id: idOf('b') }], { clientKey: 'A' });
    expect(result.processedRequests).toEqual([{ id: idOf('b'), uniqueKey: 'b' }]);
    expect(result.unprocessedRequests).toEqual([{ uniqueKey: 'a' }]);
    expect(counts().total).toBe(2);
    const second = store.batchDeleteRequests(queue, [{ uniqueKey: 'c' }, { uniqueKey: 'never-added' }], {
      clientKey: 'B',
    });
    expect(second.processedRequests).toEqual([
      { id: idOf('c'), uniqueKey: 'c' },
      { id: idOf('never-added'), uniqueKey: 'never-added' },
    ]);
    expect(counts().total).toBe(1);
    expectError(() => store.batchDeleteRequests(queue, [{}]), 400, 'invalid-input');
  });
});

describe('listRequests', () => {
  it('pages with a cursor: disjoint pages that cover every request', () => {
    const keys = Array.from({ length: 7 }, (_, i) => `k${i}`);
    addAll(...keys);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = store.listRequests(queue, { limit: 3, cursor, clientKey: 'A' });
      seen.push(...page.items.map((item) => item.uniqueKey as string));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(keys.sort());
  });

  it('filters locked, pending, or both (the union); handled only without a filter', () => {
    addAll('a', 'b', 'c');
    store.updateRequest(queue, idOf('c'), req('c', { handledAt: new Date(now).toISOString() }), { clientKey: 'A' });
    store.listAndLockHead(queue, { limit: 1, lockSecs: 60, clientKey: 'A' });
    const keys = (filter?: ('locked' | 'pending')[]) =>
      store
        .listRequests(queue, { limit: 100, filter, clientKey: 'A' })
        .items.map((item) => item.uniqueKey)
        .sort();
    expect(keys(['locked'])).toEqual(['a']);
    expect(keys(['pending'])).toEqual(['b']);
    expect(keys(['locked', 'pending'])).toEqual(['a', 'b']);
    expect(keys()).toEqual(['a', 'b', 'c']);
  });

  it('rejects exclusiveStartId with a filter, and a cursor it did not issue', () => {
    expectError(
      () => store.listRequests(queue, { limit: 5, exclusiveStartId: 'x', filter: ['pending'] }),
      400,
      'invalid-input',
    );
    expectError(() => store.listRequests(queue, { limit: 5, cursor: 'garbage!' }), 400, 'invalid-input');
  });
});

describe('listHead', () => {
  it('returns pending requests in queue order: forefront newest first, then FIFO', () => {
    addAll('1', '2', '3');
    store.addRequest(queue, req('p1'), { forefront: true, clientKey: 'A' });
    store.addRequest(queue, req('p2'), { forefront: true, clientKey: 'A' });
    expect(headKeys()).toEqual(['p2', 'p1', '1', '2', '3']);
    expect(headKeys('A', 2)).toEqual(['p2', 'p1']);
  });

  it('returns slim items and leaves queueModifiedAt alone', () => {
    addAll('a');
    const first = store.listHead(queue, { limit: 10, clientKey: 'A' });
    advance(5000);
    const second = store.listHead(queue, { limit: 10, clientKey: 'A' });
    expect(second.queueModifiedAt).toBe(first.queueModifiedAt);
    expect(Object.keys(second.items[0] ?? {}).sort()).toEqual(['id', 'method', 'retryCount', 'uniqueKey', 'url']);
  });
});

describe('listAndLockHead', () => {
  it('locks the first requests, hides them from the head, and frees them lazily at expiry', () => {
    addAll('a', 'b', 'c');
    const locked = store.listAndLockHead(queue, { limit: 2, lockSecs: 30, clientKey: 'A' });
    expect(locked).toMatchObject({ limit: 2, lockSecs: 30, queueHasLockedRequests: true, clientKey: 'A' });
    expect(locked.items.map((item) => [item.uniqueKey, item.lockExpiresAt])).toEqual([
      ['a', new Date(START + 30_000).toISOString()],
      ['b', new Date(START + 30_000).toISOString()],
    ]);
    expect(headKeys()).toEqual(['c']);
    expect(store.listAndLockHead(queue, { limit: 25, lockSecs: 30, clientKey: 'A' }).items).toHaveLength(1);
    advance(29_999);
    expect(headKeys()).toEqual([]);
    advance(1);
    expect(headKeys()).toEqual(['a', 'b', 'c']);
    const byB = store.listAndLockHead(queue, { limit: 1, lockSecs: 1.5, clientKey: 'B' });
    expect(byB.items[0]?.lockExpiresAt).toBe(new Date(now + 1500).toISOString());
  });

  it('reports queueHasLockedRequests for any client, and false on an idle queue', () => {
    expect(store.listAndLockHead(queue, { limit: 5, lockSecs: 10, clientKey: 'A' })).toMatchObject({
      items: [],
      queueHasLockedRequests: false,
    });
    addAll('a');
    store.listAndLockHead(queue, { limit: 5, lockSecs: 10, clientKey: 'A' });
    expect(store.listAndLockHead(queue, { limit: 5, lockSecs: 10, clientKey: 'B' })).toMatchObject({
      items: [],
      queueHasLockedRequests: true,
    });
  });

  it('returns a locked forefront request to the front when its lock expires', () => {
    addAll('a');
    store.addRequest(queue, req('f'), { forefront: true, clientKey: 'A' });
    store.listAndLockHead(queue, { limit: 1, lockSecs: 10, clientKey: 'A' });
    addAll('b');
    advance(10_001);
    expect(headKeys()).toEqual(['f', 'a', 'b']);
  });

  it('bumps queueModifiedAt only when something was locked', () => {
    const idle = store.listAndLockHead(queue, { limit: 5, lockSecs: 10, clientKey: 'A' });
    advance(1000);
    addAll('a');
    advance(1000);
    const locked = store.listAndLockHead(queue, { limit: 5, lockSecs: 10, clientKey: 'A' });
    expect(Date.parse(locked.queueModifiedAt)).toBe(now);
    expect(Date.parse(idle.queueModifiedAt)).toBe(START);
  });
});

describe('prolongRequestLock', () => {
  beforeEach(() => {
    addAll('a', 'b');
    store.listAndLockHead(queue, { limit: 1, lockSecs: 10, clientKey: 'A' });
  });

  it('sets the expiry to now + lockSecs for the holder', () => {
    advance(5000);
    expect(store.prolongRequestLock(queue, idOf('a'), { lockSecs: 60, clientKey: 'A' })).toEqual({
      lockExpiresAt: new Date(now + 60_000).toISOString(),
    });
    advance(30_000);
    expect(headKeys()).toEqual(['b']);
  });

  it('refuses another client, an unlocked or expired request, and an unknown one, changing nothing', () => {
    const err = expectError(
      () => store.prolongRequestLock(queue, idOf('a'), { lockSecs: 60, clientKey: 'B' }),
      400,
      'invalid-client-key',
    );
    expect(err.message).toContain('"A"');
    expectError(
      () => store.prolongRequestLock(queue, idOf('b'), { lockSecs: 60, clientKey: 'A' }),
      400,
      'invalid-input',
    );
    expectError(
      () => store.prolongRequestLock(queue, idOf('zz'), { lockSecs: 60, clientKey: 'A' }),
      404,
      'record-not-found',
    );
    expect(store.getRequest(queue, idOf('a')).lockExpiresAt).toBe(new Date(START + 10_000).toISOString());
    advance(10_001);
    expectError(
      () => store.prolongRequestLock(queue, idOf('a'), { lockSecs: 60, clientKey: 'A' }),
      400,
      'invalid-input',
    );
  });

  it('with forefront, sends the request to the front when the lock later expires', () => {
    store.prolongRequestLock(queue, idOf('a'), { lockSecs: 10, clientKey: 'A', forefront: true });
    advance(10_001);
    expect(headKeys()).toEqual(['a', 'b']);
  });
});

describe('deleteRequestLock', () => {
  beforeEach(() => {
    addAll('a', 'b', 'c');
    store.listAndLockHead(queue, { limit: 2, lockSecs: 60, clientKey: 'A' });
  });

  it('returns the request to the end by default and to the front with forefront', () => {
    store.deleteRequestLock(queue, idOf('a'), { clientKey: 'A' });
    expect(headKeys()).toEqual(['c', 'a']);
    store.deleteRequestLock(queue, idOf('b'), { clientKey: 'A', forefront: true });
    expect(headKeys()).toEqual(['b', 'c', 'a']);
  });

  it("refuses another client's lock and an unlocked request", () => {
    expectError(() => store.deleteRequestLock(queue, idOf('a'), { clientKey: 'B' }), 400, 'invalid-client-key');
    expectError(() => store.deleteRequestLock(queue, idOf('c'), { clientKey: 'A' }), 400, 'invalid-input');
    expect(headKeys()).toEqual(['c']);
  });
});

describe('unlockRequests', () => {
  it("unlocks only the caller's locks and counts them", () => {
    addAll('a', 'b', 'c', 'd');
    store.listAndLockHead(queue, { limit: 2, lockSecs: 60, clientKey: 'A' });
    store.listAndLockHead(queue, { limit: 1, lockSecs: 60, clientKey: 'B' });
    expect(store.unlockRequests(queue, { clientKey: 'A' })).toEqual({ unlockedCount: 2 });
    expect(headKeys()).toEqual(['d', 'a', 'b']);
    expect(store.unlockRequests(queue, { clientKey: 'A' })).toEqual({ unlockedCount: 0 });
  });
});

describe('hadMultipleClients', () => {
  const flag = () => store.getQueue(queue).hadMultipleClients;

  it('stays false for one clientKey and turns true for good with a second', () => {
    addAll('a');
    store.listHead(queue, { limit: 5, clientKey: 'A' });
    expect(flag()).toBe(false);
    expect(store.listHead(queue, { limit: 5, clientKey: 'B' }).hadMultipleClients).toBe(true);
    store.listHead(queue, { limit: 5, clientKey: 'A' });
    expect(flag()).toBe(true);
  });

  it('counts a call without clientKey as a new client, even twice in a row', () => {
    store.listHead(queue, { limit: 5 });
    expect(flag()).toBe(false);
    store.listHead(queue, { limit: 5 });
    expect(flag()).toBe(true);
  });

  it('is not touched by get queue, get request or list queues', () => {
    addAll('a');
    store.getQueue(queue);
    store.getRequest(queue, idOf('a'));
    store.listQueues({ offset: 0, limit: 10, desc: false, unnamed: false });
    expect(flag()).toBe(false);
  });

  it('lets a lock taken without a key be released only by another call without a key', () => {
    addAll('a');
    store.listAndLockHead(queue, { limit: 1, lockSecs: 60 });
    expectError(() => store.deleteRequestLock(queue, idOf('a'), { clientKey: 'A' }), 400, 'invalid-client-key');
    store.deleteRequestLock(queue, idOf('a'), {});
    expect(headKeys()).toEqual(['a']);
  });
});
