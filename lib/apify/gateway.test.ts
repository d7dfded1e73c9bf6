import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../emulator/db';
import { createEmulatorHandler } from '../emulator/http/handler';
import { serveEmulator } from '../emulator/node-server';
import { EmulatorStore } from '../emulator/store';
import { verifyAccount } from './account';
import { failure, must } from './action-result.test-support';
import type { GatewayContext } from './gateway';
import { deleteLock, lockHead, prolongLock, unlockAll } from './locks';
import { getQueue, getQueueSnapshot, listQueues, locateInHead } from './queues';
import { addRequests, deleteRequests, getRequest, listRequests, updateRequest } from './requests';

// The real chain: gateway → apify-client → HTTP → emulator handler → SQLite.

const TOKEN = 'gateway-test-token';
const A = 'dash-A';
const B = 'dash-B';
const MISSING_QUEUE = 'NoSuchQueue123456';
const MISSING_REQUEST = 'NoSuchRequest12';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

let store: EmulatorStore;
let server: Server;
let baseUrl = '';
/** Every call the emulator received, to check what the gateway did or did not send. */
let seen: { method: string; path: string; params: URLSearchParams }[] = [];

beforeAll(async () => {
  store = new EmulatorStore(openDatabase(':memory:'));
  const handler = createEmulatorHandler({ store, token: TOKEN, basePath: '' });
  server = await serveEmulator((request) => {
    const url = new URL(request.url);
    seen.push({ method: request.method, path: url.pathname, params: url.searchParams });
    return handler(request);
  }, 0);
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  seen = [];
});

const ctx = (clientKey = A, overrides: Partial<GatewayContext> = {}): GatewayContext => ({
  target: { name: 'local', baseUrl, token: TOKEN },
  clientKey,
  writesArmed: true,
  acknowledges: () => true,
  ...overrides,
});

let queueCount = 0;
/** A new named queue holding `urls` (uniqueKey = URL, as the gateway adds them), set up by client A. */
function makeQueue(urls: string[] = []) {
  queueCount += 1;
  const name = `gw-${queueCount}`;
  const id = store.getOrCreateQueue(name).queue.id as string;
  const ids: string[] = [];
  for (let i = 0; i < urls.length; i += 25) {
    const batch = urls.slice(i, i + 25).map((url) => ({ url, uniqueKey: url }));
    const added = store.batchAddRequests(id, batch, { clientKey: A });
    ids.push(...added.processedRequests.map((item) => item.requestId));
  }
  return { id, name, ids };
}
const urlsFor = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `https://${prefix}.test/${i}`);
const stored = (queueId: string, requestId: string) => store.getRequest(queueId, requestId);
const headIds = (queueId: string) => store.listHead(queueId, { limit: 100, clientKey: A }).items.map((item) => item.id);
const counts = (queueId: string) => {
  const queue = store.getQueue(queueId);
  return { total: queue.totalRequestCount, handled: queue.handledRequestCount, pending: queue.pendingRequestCount };
};
const dbRows = () =>
  ['meta', 'queues', 'requests'].map((table) => store.db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all());
const requestRows = (queueId: string) =>
  store.db.prepare('SELECT * FROM requests WHERE queue_id = ? ORDER BY id').all(queueId);
const secondsBetween = (later: string, earlier: string) => (Date.parse(later) - Date.parse(earlier)) / 1000;
/** Within two seconds: the emulator's and the gateway's clocks are read a few milliseconds apart. */
const expectAbout = (seconds: number, expected: number) => expect(Math.abs(seconds - expected)).toBeLessThan(2);

describe('verifyAccount', () => {
  it('names the emulator user', async () => {
    expect(must(await verifyAccount(ctx()))).toEqual({ username: 'local' });
  });
});

describe('listQueues', () => {
  it('lists named queues by default and unnamed ones on request, with ISO dates', async () => {
    const named = makeQueue(urlsFor('list', 2));
    const unnamed = store.getOrCreateQueue(undefined).queue.id as string;
    const page = must(await listQueues(ctx(), { limit: 1000 }));
    const ids = page.items.map((q) => q.id);
    expect(ids).toContain(named.id);
    expect(ids).not.toContain(unnamed);
    expect(page.total).toBe(page.items.length);
    expect(page.items.find((q) => q.id === named.id)).toMatchObject({
      name: named.name,
      totalRequestCount: 2,
      pendingRequestCount: 2,
      createdAt: expect.stringMatching(ISO),
    });
    const all = must(await listQueues(ctx(), { limit: 1000, unnamed: true }));
    expect(all.items.map((q) => q.id)).toContain(unnamed);
    expect(all.total).toBe(page.total + 1);
  });

  it('pages with offset and limit, and sorts descending on request', async () => {
    makeQueue();
    makeQueue();
    const all = must(await listQueues(ctx(), { limit: 1000 })).items.map((q) => q.id);
    const second = must(await listQueues(ctx(), { offset: 1, limit: 1 }));
    expect(second).toMatchObject({ offset: 1, limit: 1, total: all.length });
    expect(second.items.map((q) => q.id)).toEqual([all[1]]);
    const desc = must(await listQueues(ctx(), { limit: 1000, desc: true })).items.map((q) => q.id);
    expect(desc).toEqual([...all].reverse());
  });
});

describe('getQueue', () => {
  it.each([
    ['its ID', (q: { id: string }) => q.id],
    ['~name', (q: { name: string }) => `~${q.name}`],
    ['local~name', (q: { name: string }) => `local~${q.name}`],
  ])('finds a queue by %s', async (_, ref) => {
    const queue = makeQueue(urlsFor('get', 3));
    expect(must(await getQueue(ctx(), { queueId: ref(queue) }))).toMatchObject({
      id: queue.id,
      name: queue.name,
      totalRequestCount: 3,
      handledRequestCount: 0,
      pendingRequestCount: 3,
      hadMultipleClients: false,
    });
  });

  it.each([
    ['an unknown ID', MISSING_QUEUE],
    ['an unknown name', '~no-such-queue'],
    ["another user's name", 'someone~gw-1'],
  ])('reports %s as not-found', async (_, queueId) => {
    expect(failure(await getQueue(ctx(), { queueId })).code).toBe('not-found');
  });

  it('does not register the reader as a client', async () => {
    const queue = makeQueue(urlsFor('get-b', 1));
    must(await getQueue(ctx(B), { queueId: queue.id }));
    expect(store.getQueue(queue.id).hadMultipleClients).toBe(false);
  });
});

describe('getQueueSnapshot', () => {
  it('before acknowledgement, on a single-client queue, reads only the queue and registers no client', async () => {
    const queue = makeQueue(urlsFor('snap-q', 3));
    for (let i = 0; i < 2; i++) {
      const snapshot = must(await getQueueSnapshot(ctx(B, { acknowledges: () => false }), { queueId: queue.id }));
      expect(snapshot).toMatchObject({ head: null, locks: [], clientKey: B, queue: { hadMultipleClients: false } });
    }
    expect(seen.map((call) => `${call.method} ${call.path}`)).toEqual(
      Array(2).fill(`GET /v2/request-queues/${queue.id}`),
    );
    expect(seen.some((call) => call.params.has('clientKey'))).toBe(false);
    expect(store.getQueue(queue.id).hadMultipleClients).toBe(false);
  });

  it('before acknowledgement, on a queue already shared, reads the head too (nothing left to flip)', async () => {
    const queue = makeQueue(urlsFor('snap-shared', 2));
    store.listHead(queue.id, { limit: 1, clientKey: 'someone-else' });
    const snapshot = must(await getQueueSnapshot(ctx(B, { acknowledges: () => false }), { queueId: queue.id }));
    expect(snapshot.head?.items.map((item) => item.id)).toEqual(queue.ids);
    expect(seen[0]?.path).toBe(`/v2/request-queues/${queue.id}`);
  });

  it('with the head shows pending requests in order, current locks and the server clock', async () => {
    const queue = makeQueue(urlsFor('snap', 4));
    store.listAndLockHead(queue.id, { limit: 1, lockSecs: 300, clientKey: B });
    const before = Date.now();
    const snapshot = must(await getQueueSnapshot(ctx(), { queueId: `~${queue.name}`, limit: 2 }));
    expect(snapshot.head).toMatchObject({
      limit: 2,
      hadMultipleClients: true,
      queueModifiedAt: expect.stringMatching(ISO),
    });
    expect(snapshot.head?.items.map((item) => item.id)).toEqual(queue.ids.slice(1, 3));
    expect(snapshot.locks.map((lock) => [lock.id, lock.lockByClient])).toEqual([[queue.ids[0], B]]);
    expectAbout(secondsBetween(snapshot.locks[0]?.lockExpiresAt ?? '', snapshot.serverNow), 300);
    expect(Date.parse(snapshot.serverNow)).toBeGreaterThanOrEqual(before - 1000);
    expect(snapshot.queue.id).toBe(queue.id);
  });

  it('with the head, a new clientKey flips hadMultipleClients (why reads wait for acknowledgement)', async () => {
    const queue = makeQueue(urlsFor('snap-flip', 1));
    must(await getQueueSnapshot(ctx(B), { queueId: queue.id }));
    expect(store.getQueue(queue.id).hadMultipleClients).toBe(true);
  });
});

describe('lockHead', () => {
  it('locks the first requests for this clientKey and reports the lock against the server clock', async () => {
    const queue = makeQueue(urlsFor('lock', 3));
    const result = must(await lockHead(ctx(), { queueId: queue.id, lockSecs: 60, limit: 2 }));
    expect(result).toMatchObject({
      lockSecs: 60,
      clientKey: A,
      queueHasLockedRequests: true,
      hadMultipleClients: false,
      serverNow: expect.stringMatching(ISO),
      queueModifiedAt: expect.stringMatching(ISO),
    });
    expect(result.items.map((item) => item.id)).toEqual(queue.ids.slice(0, 2));
    for (const item of result.items) {
      expectAbout(secondsBetween(item.lockExpiresAt, result.serverNow), 60);
      expect(stored(queue.id, item.id)).toMatchObject({ lockByClient: A, lockExpiresAt: item.lockExpiresAt });
    }
    const other = must(await lockHead(ctx(B), { queueId: queue.id, lockSecs: 60, limit: 25 }));
    expect(other.items.map((item) => item.id)).toEqual([queue.ids[2]]);
    expect(other.hadMultipleClients).toBe(true);
  });

  it('locks nothing on an empty queue', async () => {
    const queue = makeQueue();
    const result = must(await lockHead(ctx(), { queueId: `local~${queue.name}`, lockSecs: 60, limit: 5 }));
    expect(result).toMatchObject({ items: [], queueHasLockedRequests: false });
  });
});

describe('prolongLock, deleteLock, unlockAll', () => {
  it('prolongLock moves the expiry to now + lockSecs', async () => {
    const queue = makeQueue(urlsFor('prolong', 1));
    const [locked] = must(await lockHead(ctx(), { queueId: queue.id, lockSecs: 30, limit: 1 })).items;
    const requestId = locked?.id as string;
    const result = must(await prolongLock(ctx(), { queueId: queue.id, requestId, lockSecs: 600 }));
    expectAbout(secondsBetween(result.lockExpiresAt, result.serverNow), 600);
    expect(Date.parse(result.lockExpiresAt)).toBeGreaterThan(Date.parse(locked?.lockExpiresAt ?? ''));
    expect(stored(queue.id, requestId)).toMatchObject({ lockExpiresAt: result.lockExpiresAt, lockByClient: A });
  });

  it('prolongLock of a request that is not locked is refused', async () => {
    const queue = makeQueue(urlsFor('prolong-free', 1));
    const result = await prolongLock(ctx(), { queueId: queue.id, requestId: queue.ids[0], lockSecs: 60 });
    expect(failure(result).code).toBe('invalid-input');
  });

  it('deleteLock puts the request at the front with forefront, else at the end', async () => {
    const queue = makeQueue(urlsFor('unlock-one', 3));
    const [first, second, third] = queue.ids as [string, string, string];
    must(await lockHead(ctx(), { queueId: queue.id, lockSecs: 60, limit: 2 }));
    expect(headIds(queue.id)).toEqual([third]);
    expect(must(await deleteLock(ctx(), { queueId: queue.id, requestId: second, forefront: true }))).toEqual({
      requestId: second,
      serverNow: expect.stringMatching(ISO),
    });
    expect(headIds(queue.id)).toEqual([second, third]);
    must(await deleteLock(ctx(), { queueId: queue.id, requestId: first }));
    expect(headIds(queue.id)).toEqual([second, third, first]);
    expect(stored(queue.id, first)).not.toHaveProperty('lockExpiresAt');
  });

  it("unlockAll releases this clientKey's locks only", async () => {
    const queue = makeQueue(urlsFor('unlock-all', 4));
    must(await lockHead(ctx(), { queueId: queue.id, lockSecs: 60, limit: 2 }));
    const [theirs] = must(await lockHead(ctx(B), { queueId: queue.id, lockSecs: 60, limit: 1 })).items;
    expect(must(await unlockAll(ctx(), { queueId: queue.id }))).toEqual({
      unlockedCount: 2,
      serverNow: expect.stringMatching(ISO),
    });
    expect(stored(queue.id, theirs?.id as string)).toMatchObject({ lockByClient: B });
    expect(must(await unlockAll(ctx(), { queueId: queue.id }))).toMatchObject({ unlockedCount: 0 });
  });
});

describe('getRequest and listRequests', () => {
  it('getRequest returns the detail, with the lock while it is held', async () => {
    store.getOrCreateQueue('gw-detail');
    const queue = store.getQueue('~gw-detail').id as string;
    const { requestId } = store.addRequest(
      queue,
      { url: 'https://detail.test/', uniqueKey: 'detail', userData: { label: 'X' }, headers: { cookie: 'c=1' } },
      { clientKey: A },
    );
    const free = must(await getRequest(ctx(), { queueId: queue, requestId }));
    expect(free).toEqual({
      serverNow: expect.stringMatching(ISO),
      request: {
        id: requestId,
        uniqueKey: 'detail',
        url: 'https://detail.test/',
        method: 'GET',
        retryCount: 0,
        handledAt: null,
        loadedUrl: null,
        noRetry: false,
        payload: null,
        userData: { label: 'X' },
        headers: { cookie: 'c=1' },
        errorMessages: [],
        lockExpiresAt: null,
        lockByClient: null,
      },
    });
    store.listAndLockHead(queue, { limit: 1, lockSecs: 60, clientKey: B });
    const locked = must(await getRequest(ctx(), { queueId: '~gw-detail', requestId }));
    expect(locked.request).toMatchObject({ lockByClient: B, lockExpiresAt: expect.stringMatching(ISO) });
  });

  it('listRequests filters by state', async () => {
    const queue = makeQueue(urlsFor('filter', 5));
    const [handled] = queue.ids as [string];
    store.updateRequest(
      queue.id,
      handled,
      { url: 'https://filter.test/0', uniqueKey: 'https://filter.test/0', handledAt: new Date().toISOString() },
      { clientKey: A },
    );
    const locked = must(await lockHead(ctx(), { queueId: queue.id, lockSecs: 60, limit: 2 })).items.map((i) => i.id);
    const ids = async (filter: string) =>
      must(await listRequests(ctx(), { queueId: queue.id, filter }))
        .items.map((item) => item.id)
        .sort();
    expect(await ids('all')).toEqual([...queue.ids].sort());
    expect(await ids('locked')).toEqual([...locked].sort());
    expect(await ids('pending')).toEqual(queue.ids.filter((id) => id !== handled && !locked.includes(id)).sort());
  });

  it('listRequests pages with the cursor', async () => {
    const queue = makeQueue(urlsFor('pages', 5));
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = must(await listRequests(ctx(), { queueId: queue.id, limit: 2, ...(cursor ? { cursor } : {}) }));
      expect(page).toMatchObject({ limit: 2, serverNow: expect.stringMatching(ISO) });
      pages.push(page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && pages.length < 10);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat().sort()).toEqual([...queue.ids].sort());
  });
});

describe('addRequests', () => {
  const batchCalls = () => seen.filter((call) => call.method === 'POST' && call.path.endsWith('/requests/batch'));

  it('adds one URL', async () => {
    const queue = makeQueue();
    const result = must(await addRequests(ctx(), { queueId: queue.id, urls: ['https://one.test/'] }));
    expect(result).toEqual({ added: ['https://one.test/'], alreadyPresent: [], alreadyHandled: [], unprocessed: [] });
    expect(counts(queue.id)).toEqual({ total: 1, handled: 0, pending: 1 });
    expect(batchCalls().map((call) => call.params.get('clientKey'))).toEqual([A]);
  });

  it('sends 60 URLs in batches of 25', async () => {
    const queue = makeQueue();
    const urls = urlsFor('sixty', 60);
    const result = must(await addRequests(ctx(), { queueId: queue.id, urls }));
    expect(result.added).toEqual(urls);
    expect(batchCalls()).toHaveLength(3);
    expect(counts(queue.id)).toEqual({ total: 60, handled: 0, pending: 60 });
  });

  it('reports duplicates as already present and handled ones as already handled', async () => {
    const queue = makeQueue(['https://dup.test/present', 'https://dup.test/handled']);
    store.updateRequest(
      queue.id,
      queue.ids[1] as string,
      { url: 'https://dup.test/handled', uniqueKey: 'https://dup.test/handled', handledAt: new Date().toISOString() },
      { clientKey: A },
    );
    const urls = [
      ' https://dup.test/present',
      'https://dup.test/handled',
      'https://dup.test/new',
      'https://dup.test/new',
    ];
    const result = must(await addRequests(ctx(), { queueId: queue.id, urls }));
    expect(result).toEqual({
      added: ['https://dup.test/new'],
      alreadyPresent: ['https://dup.test/present'],
      alreadyHandled: ['https://dup.test/handled'],
      unprocessed: [],
    });
    expect(counts(queue.id)).toEqual({ total: 3, handled: 1, pending: 2 });
  });

  it('puts forefront requests at the head', async () => {
    const queue = makeQueue(urlsFor('front', 2));
    must(await addRequests(ctx(), { queueId: queue.id, urls: ['https://front.test/new'], forefront: true }));
    expect(store.listHead(queue.id, { limit: 1, clientKey: A }).items[0]?.url).toBe('https://front.test/new');
  });
});

describe('updateRequest', () => {
  it('marks a locked request handled, keeping its data, then reclaims it', async () => {
    store.getOrCreateQueue('gw-update');
    const queue = store.getQueue('~gw-update').id as string;
    const { requestId } = store.addRequest(
      queue,
      { url: 'https://upd.test/', uniqueKey: 'upd', userData: { label: 'X' }, retryCount: 2 },
      { clientKey: A },
    );
    store.addRequest(queue, { url: 'https://upd.test/other', uniqueKey: 'other' }, { clientKey: A });
    must(await lockHead(ctx(), { queueId: queue, lockSecs: 60, limit: 1 }));

    const handled = must(await updateRequest(ctx(), { queueId: queue, requestId, change: 'mark-handled' }));
    expect(handled).toEqual({ requestId, wasAlreadyHandled: false, serverNow: expect.stringMatching(ISO) });
    const after = stored(queue, requestId);
    expect(after).toMatchObject({ handledAt: expect.stringMatching(ISO), userData: { label: 'X' }, retryCount: 2 });
    expect(after).not.toHaveProperty('lockExpiresAt');
    expect(counts(queue)).toEqual({ total: 2, handled: 1, pending: 1 });
    expect(headIds(queue)).not.toContain(requestId);

    const again = must(await updateRequest(ctx(), { queueId: queue, requestId, change: 'mark-handled' }));
    expect(again.wasAlreadyHandled).toBe(true);

    const reclaimed = must(
      await updateRequest(ctx(), { queueId: queue, requestId, change: 'reclaim', forefront: true }),
    );
    expect(reclaimed).toMatchObject({ requestId, wasAlreadyHandled: true });
    expect(stored(queue, requestId)).not.toHaveProperty('handledAt');
    expect(counts(queue)).toEqual({ total: 2, handled: 0, pending: 2 });
    expect(headIds(queue)[0]).toBe(requestId);
  });
});

describe('deleteRequests', () => {
  const batchDeletes = () => seen.filter((call) => call.method === 'DELETE' && call.path.endsWith('/requests/batch'));

  it('deletes one request', async () => {
    const queue = makeQueue(urlsFor('del-one', 2));
    const [gone] = queue.ids as [string];
    expect(must(await deleteRequests(ctx(), { queueId: queue.id, requestIds: [gone] }))).toEqual({
      deleted: [gone],
      notDeleted: [],
    });
    expect(() => stored(queue.id, gone)).toThrow(/not found/);
    expect(counts(queue.id).total).toBe(1);
  });

  it('deletes many in batches of 25', async () => {
    const queue = makeQueue(urlsFor('del-many', 30));
    const result = must(await deleteRequests(ctx(), { queueId: queue.id, requestIds: queue.ids }));
    expect(result.deleted.sort()).toEqual([...queue.ids].sort());
    expect(result.notDeleted).toEqual([]);
    expect(batchDeletes()).toHaveLength(2);
    expect(counts(queue.id).total).toBe(0);
  });
});

describe('a read-only session', () => {
  it('refuses every write without calling the API, leaving the database as it was', async () => {
    const queue = makeQueue(urlsFor('read-only', 3));
    const [locked] = must(await lockHead(ctx(), { queueId: queue.id, lockSecs: 60, limit: 1 })).items;
    const requestId = locked?.id as string;
    const readOnly = ctx(A, { writesArmed: false });
    const before = dbRows();
    seen = [];
    const results = await Promise.all([
      lockHead(readOnly, { queueId: queue.id, lockSecs: 60, limit: 1 }),
      prolongLock(readOnly, { queueId: queue.id, requestId, lockSecs: 60 }),
      deleteLock(readOnly, { queueId: queue.id, requestId }),
      unlockAll(readOnly, { queueId: queue.id }),
      addRequests(readOnly, { queueId: queue.id, urls: ['https://read-only.test/new'] }),
      updateRequest(readOnly, { queueId: queue.id, requestId, change: 'mark-handled' }),
      updateRequest(readOnly, { queueId: queue.id, requestId, change: 'reclaim' }),
      deleteRequests(readOnly, { queueId: queue.id, requestIds: [requestId] }),
      deleteRequests(readOnly, { queueId: queue.id, requestIds: queue.ids }),
    ]);
    expect(results.map((result) => failure(result).code)).toEqual(Array(results.length).fill('read-only'));
    expect(seen).toEqual([]);
    expect(dbRows()).toEqual(before);
  });

  it('still reads', async () => {
    const queue = makeQueue(urlsFor('read-only-reads', 1));
    const readOnly = ctx(A, { writesArmed: false });
    expect(must(await getQueue(readOnly, { queueId: queue.id })).id).toBe(queue.id);
    expect(must(await listRequests(readOnly, { queueId: queue.id })).items).toHaveLength(1);
  });
});

describe('invalid input', () => {
  const Q = 'WkzbQMuFYuamGv3YF';
  it.each([
    ['lockHead', lockHead, { queueId: Q, lockSecs: 0, limit: 26 }, ['lockSecs', 'limit']],
    ['prolongLock', prolongLock, { queueId: Q, requestId: 'a?b', lockSecs: 86_401 }, ['requestId', 'lockSecs']],
    ['deleteLock', deleteLock, { queueId: '../x', requestId: 'abc' }, ['queueId']],
    ['unlockAll', unlockAll, {}, ['queueId']],
    ['addRequests', addRequests, { queueId: Q, urls: ['https://ok.test/', 'javascript:alert(1)'] }, ['urls.1']],
    ['updateRequest', updateRequest, { queueId: Q, requestId: 'abc', change: 'delete' }, ['change']],
    ['deleteRequests', deleteRequests, { queueId: Q, requestIds: [] }, ['requestIds']],
    ['getQueue', getQueue, { queueId: 'a#b' }, ['queueId']],
    ['getQueueSnapshot', getQueueSnapshot, { queueId: Q, limit: 1001 }, ['limit']],
    ['getRequest', getRequest, { queueId: Q, requestId: '%2e%2e' }, ['requestId']],
    ['listRequests', listRequests, { queueId: Q, filter: 'handled' }, ['filter']],
    ['listQueues', listQueues, { limit: 0 }, ['limit']],
    ['getQueue (not an object)', getQueue, null, ['input']],
  ] as const)('%s names the bad fields and calls nothing', async (_, operation, input, fields) => {
    const error = failure(await operation(ctx(), input));
    expect(error.code).toBe('invalid-input');
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual([...fields].sort());
    expect(seen).toEqual([]);
  });

  it('checks input before the read-only rule', async () => {
    const result = await lockHead(ctx(A, { writesArmed: false }), { queueId: Q, lockSecs: -1, limit: 1 });
    expect(failure(result).code).toBe('invalid-input');
  });
});

describe("another client's lock", () => {
  it('cannot be prolonged, released, marked handled or deleted by a second clientKey', async () => {
    const queue = makeQueue(urlsFor('conflict', 2));
    const [held] = must(await lockHead(ctx(A), { queueId: queue.id, lockSecs: 120, limit: 1 })).items;
    const requestId = held?.id as string;
    const before = requestRows(queue.id);
    const attempts = [
      await prolongLock(ctx(B), { queueId: queue.id, requestId, lockSecs: 600 }),
      await deleteLock(ctx(B), { queueId: queue.id, requestId }),
      await updateRequest(ctx(B), { queueId: queue.id, requestId, change: 'mark-handled' }),
      await updateRequest(ctx(B), { queueId: queue.id, requestId, change: 'reclaim' }),
      await deleteRequests(ctx(B), { queueId: queue.id, requestIds: [requestId] }),
    ];
    expect(attempts.map((result) => failure(result).code)).toEqual(Array(attempts.length).fill('lock-conflict'));
    expect(requestRows(queue.id)).toEqual(before);
    expect(stored(queue.id, requestId)).toMatchObject({ lockByClient: A, lockExpiresAt: held?.lockExpiresAt });
    // The holder still can.
    must(await prolongLock(ctx(A), { queueId: queue.id, requestId, lockSecs: 600 }));
  });

  it('is left out when a second clientKey deletes several requests', async () => {
    const queue = makeQueue(urlsFor('conflict-many', 2));
    const [held] = must(await lockHead(ctx(A), { queueId: queue.id, lockSecs: 120, limit: 1 })).items;
    const result = must(await deleteRequests(ctx(B), { queueId: queue.id, requestIds: queue.ids }));
    expect(result).toEqual({ deleted: [queue.ids[1]], notDeleted: [held?.id] });
    expect(stored(queue.id, held?.id as string)).toMatchObject({ lockByClient: A });
  });
});

describe('not found', () => {
  const R = 'Zx3dKp9QmW2aB7c';
  it.each([
    ['getQueue', getQueue, { queueId: MISSING_QUEUE }],
    ['getQueueSnapshot', getQueueSnapshot, { queueId: MISSING_QUEUE }],
    ['getQueueSnapshot without head', getQueueSnapshot, { queueId: MISSING_QUEUE, includeHead: false }],
    ['lockHead', lockHead, { queueId: MISSING_QUEUE, lockSecs: 60, limit: 1 }],
    ['prolongLock', prolongLock, { queueId: MISSING_QUEUE, requestId: R, lockSecs: 60 }],
    ['deleteLock', deleteLock, { queueId: MISSING_QUEUE, requestId: R }],
    ['unlockAll', unlockAll, { queueId: MISSING_QUEUE }],
    ['getRequest', getRequest, { queueId: MISSING_QUEUE, requestId: R }],
    ['listRequests', listRequests, { queueId: MISSING_QUEUE }],
    ['addRequests', addRequests, { queueId: MISSING_QUEUE, urls: ['https://missing.test/'] }],
    ['updateRequest', updateRequest, { queueId: MISSING_QUEUE, requestId: R, change: 'mark-handled' }],
    ['deleteRequests (one)', deleteRequests, { queueId: MISSING_QUEUE, requestIds: [R] }],
    ['deleteRequests (many)', deleteRequests, { queueId: MISSING_QUEUE, requestIds: [R, 'Other'] }],
  ] as const)('%s on an unknown queue → not-found', async (_, operation, input) => {
    expect(failure(await operation(ctx(), input)).code).toBe('not-found');
  });

  it.each([
    ['getRequest', getRequest, {}],
    ['prolongLock', prolongLock, { lockSecs: 60 }],
    ['deleteLock', deleteLock, {}],
    ['updateRequest mark-handled', updateRequest, { change: 'mark-handled' }],
    ['updateRequest reclaim', updateRequest, { change: 'reclaim' }],
  ] as const)('%s on an unknown request → not-found, adding nothing', async (_, operation, rest) => {
    const queue = makeQueue(urlsFor('missing-request', 1));
    const error = failure(await operation(ctx(), { queueId: queue.id, requestId: MISSING_REQUEST, ...rest }));
    expect(error).toMatchObject({ code: 'not-found', message: 'That request does not exist.' });
    expect(counts(queue.id).total).toBe(1);
  });
});

describe('reads that register a client wait for acknowledgement', () => {
  const unacknowledged = (clientKey = B) => ctx(clientKey, { acknowledges: () => false });

  it.each(['all', 'pending', 'locked'] as const)(
    'listRequests (%s) is refused and sends no clientKey',
    async (filter) => {
      const queue = makeQueue(urlsFor(`list-ack-${filter}`, 2));
      const result = await listRequests(unacknowledged(), { queueId: queue.id, filter });
      expect(failure(result).code).toBe('needs-acknowledgement');
      expect(seen.some((call) => call.params.has('clientKey'))).toBe(false);
      expect(store.getQueue(queue.id).hadMultipleClients).toBe(false);
    },
  );

  it('listRequests runs once the queue is acknowledged, or already shared', async () => {
    const queue = makeQueue(urlsFor('list-ack-ok', 2));
    must(await listRequests(ctx(B, { acknowledges: (id) => id === queue.id }), { queueId: queue.id }));
    expect(store.getQueue(queue.id).hadMultipleClients).toBe(true);
    expect(must(await listRequests(unacknowledged('dash-C'), { queueId: queue.id })).items).toHaveLength(2);
  });

  it('locateInHead is refused too, and finds positions once allowed', async () => {
    const queue = makeQueue(urlsFor('locate', 3));
    const [first, , third] = queue.ids as [string, string, string];
    const refused = await locateInHead(unacknowledged(), { queueId: queue.id, requestIds: [third] });
    expect(failure(refused).code).toBe('needs-acknowledgement');
    expect(store.getQueue(queue.id).hadMultipleClients).toBe(false);
    must(await lockHead(ctx(), { queueId: queue.id, lockSecs: 60, limit: 1 }));
    const found = must(await locateInHead(ctx(), { queueId: queue.id, requestIds: [third, first] }));
    expect(found).toMatchObject({ positions: { [third]: 2, [first]: null }, waiting: 2, complete: true });
  });

  it('locateInHead takes more requests than one lock batch (an unlock of all mine can send that many back)', async () => {
    const queue = makeQueue(urlsFor('locate-many', 40));
    const found = must(await locateInHead(ctx(), { queueId: queue.id, requestIds: queue.ids }));
    expect(Object.values(found.positions)).toEqual(queue.ids.map((_, i) => i + 1));
  });

  it('an unknown queue is not-found, not a request for acknowledgement', async () => {
    expect(failure(await listRequests(unacknowledged(), { queueId: MISSING_QUEUE })).code).toBe('not-found');
  });
});

describe('acting as another client applies to one queue only', () => {
  it('sends the borrowed key on that queue and the own key everywhere else', async () => {
    const [mine, other] = [makeQueue(urlsFor('act-a', 3)), makeQueue(urlsFor('act-b', 3))];
    const acting = ctx(B, { actingAs: { queueId: mine.id, clientKey: A } });
    const borrowed = must(await lockHead(acting, { queueId: mine.id, lockSecs: 60, limit: 1 }));
    expect(borrowed.clientKey).toBe(A);
    expect(stored(mine.id, borrowed.items[0]?.id as string)).toMatchObject({ lockByClient: A });
    expect(store.getQueue(mine.id).hadMultipleClients).toBe(false);

    const own = must(await lockHead(acting, { queueId: other.id, lockSecs: 60, limit: 1 }));
    expect(own.clientKey).toBe(B);
    expect(stored(other.id, own.items[0]?.id as string)).toMatchObject({ lockByClient: B });
    expect(must(await getQueueSnapshot(acting, { queueId: other.id })).clientKey).toBe(B);
    expect(must(await getQueueSnapshot(acting, { queueId: mine.id })).clientKey).toBe(A);
  });
});

describe('prolongLock forefront', () => {
  it('decides whether the request returns to the front or the end when the lock expires', async () => {
    const queue = makeQueue(urlsFor('prolong-front', 2));
    const [first, second] = queue.ids as [string, string];
    must(await lockHead(ctx(), { queueId: queue.id, lockSecs: 60, limit: 2 }));
    must(await prolongLock(ctx(), { queueId: queue.id, requestId: first, lockSecs: 60, forefront: true }));
    must(await prolongLock(ctx(), { queueId: queue.id, requestId: second, lockSecs: 60 }));
    expect(seen.filter((call) => call.method === 'PUT').map((call) => call.params.get('forefront'))).toEqual([
      '1',
      '0',
    ]);
    const orderOf = (id: string) =>
      (
        store.db.prepare('SELECT order_no FROM requests WHERE queue_id = ? AND id = ?').get(queue.id, id) as {
          order_no: number;
        }
      ).order_no;
    expect(orderOf(first)).toBeLessThan(0);
    expect(orderOf(second)).toBeGreaterThan(0);
  });
});
