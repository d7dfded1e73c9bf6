import { createHash } from 'node:crypto';
import { brotliDecompressSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import {
  ApifyApiError,
  type RequestQueue,
  type RequestQueueClient,
  type RequestQueueClientRequestSchema,
} from 'apify-client';
import { emulatorClient, freshQueue, startStandaloneEmulator, uniqueKeys } from '../support/emulator';

// Contract of every RequestQueueClient / RequestQueueCollectionClient method, driven through the
// official apify-client against the emulator mounted in `next start`. Each test owns its queue.

const client = emulatorClient();
const LIST_PORT = 8711;

/** What GET request returns; apify-client declares less (no userData, no lock details). */
type StoredRequest = Omit<RequestQueueClientRequestSchema, 'handledAt'> & {
  handledAt?: Date;
  lockExpiresAt?: Date;
  lockByClient?: string | null;
};

/** §3.1: first 15 characters of base64(sha256(uniqueKey)) without `+`, `/`, `=`. */
const requestIdOf = (uniqueKey: string) =>
  createHash('sha256').update(uniqueKey).digest('base64').replace(/[+/=]/g, '').slice(0, 15);

const keyed = (queue: RequestQueue, clientKey: string) => client.requestQueue(queue.id, { clientKey });

async function filledQueue(label: string, count: number, prefix = `https://example.com/${label}/`) {
  const queue = await freshQueue(client, label);
  const requests = uniqueKeys(count, prefix);
  if (count > 0) {
    // One batch at a time: parallel batches (the client's default) would interleave the queue order.
    const result = await client.requestQueue(queue.id).batchAddRequests(requests, { maxParallel: 1 });
    expect(result.unprocessedRequests).toEqual([]);
  }
  return { queue, rq: client.requestQueue(queue.id), ids: requests.map((r) => requestIdOf(r.uniqueKey)) };
}

async function getStored(rq: RequestQueueClient, id: string) {
  return (await rq.getRequest(id)) as StoredRequest | undefined;
}

async function headIds(rq: RequestQueueClient, limit?: number) {
  const head = await rq.listHead(limit === undefined ? {} : { limit });
  return head.items.map((item) => item.id);
}

async function counts(queue: RequestQueue) {
  const fresh = await client.requestQueue(queue.id).get();
  return {
    total: fresh?.totalRequestCount,
    handled: fresh?.handledRequestCount,
    pending: fresh?.pendingRequestCount,
  };
}

async function expectApiError(call: Promise<unknown>, statusCode: number, type: string) {
  const error = await call.then(
    () => new Error('the call succeeded'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApifyApiError);
  expect(error).toMatchObject({ statusCode, type });
}

/** Asserts an expiry `secs` seconds from when the call was made (within the call's duration). */
function expectExpiryIn(expiry: Date | undefined, secs: number, sentAt: number) {
  expect(expiry).toBeInstanceOf(Date);
  const at = (expiry as Date).getTime();
  expect(at).toBeGreaterThanOrEqual(sentAt + secs * 1000 - 50);
  expect(at).toBeLessThanOrEqual(Date.now() + secs * 1000 + 50);
}

/** Records every HTTP exchange of one client, as the server received it. */
function recordingClient() {
  const recorded = emulatorClient();
  const calls: { method: string; url: string; encoding: string; body: unknown; status: number }[] = [];
  recorded.httpClient.axios.interceptors.response.use((response) => {
    calls.push({
      method: String(response.config.method).toUpperCase(),
      url: String(response.config.url),
      encoding: String(response.config.headers['content-encoding'] ?? ''),
      body: response.config.data,
      status: response.status,
    });
    return response;
  });
  return { client: recorded, calls };
}

test.describe('queue collection', () => {
  test('list: named only by default, unnamed, offset, limit, desc and the 1000 clamp', async () => {
    // Exact totals need a database no parallel test writes to.
    const emulator = await startStandaloneEmulator({ port: LIST_PORT });
    try {
      const own = emulatorClient({ baseUrl: emulator.baseUrl, token: emulator.token });
      const named: RequestQueue[] = [];
      for (const name of ['list-a', 'list-b', 'list-c']) named.push(await own.requestQueues().getOrCreate(name));
      const unnamed = [await own.requestQueues().getOrCreate(), await own.requestQueues().getOrCreate()];
      const namedIds = named.map((q) => q.id);
      const allIds = [...namedIds, ...unnamed.map((q) => q.id)];

      const byDefault = await own.requestQueues().list();
      expect(byDefault).toMatchObject({ total: 3, count: 3, offset: 0, limit: 1000, desc: false, unnamed: false });
      expect(byDefault.items.map((q) => q.id)).toEqual(namedIds);

      const withUnnamed = await own.requestQueues().list({ unnamed: true });
      expect(withUnnamed).toMatchObject({ total: 5, count: 5, unnamed: true });
      expect(withUnnamed.items.map((q) => q.id)).toEqual(allIds);

      const descending = await own.requestQueues().list({ unnamed: true, desc: true });
      expect(descending.desc).toBe(true);
      expect(descending.items.map((q) => q.id)).toEqual([...allIds].reverse());

      const page = await own.requestQueues().list({ offset: 1, limit: 2 });
      expect(page).toMatchObject({ total: 3, count: 2, offset: 1, limit: 2 });
      expect(page.items.map((q) => q.id)).toEqual(namedIds.slice(1));

      const pastEnd = await own.requestQueues().list({ offset: 3 });
      expect(pastEnd).toMatchObject({ total: 3, count: 0, items: [] });

      const clamped = await own.requestQueues().list({ limit: 5000 });
      expect(clamped.limit).toBe(1000);

      const iterated: string[] = [];
      for await (const queue of own.requestQueues().list({ unnamed: true })) iterated.push(queue.id);
      expect(iterated).toEqual(allIds);

      expect(byDefault.items[0]).toMatchObject({
        name: 'list-a',
        totalRequestCount: 0,
        handledRequestCount: 0,
        pendingRequestCount: 0,
        hadMultipleClients: false,
      });
      expect(byDefault.items[0]?.createdAt).toBeInstanceOf(Date);
    } finally {
      await emulator.stop();
    }
  });

  test('getOrCreate returns the same named queue twice and a new unnamed queue each time', async () => {
    const first = await freshQueue(client, 'goc');
    expect(first.id).toMatch(/^[A-Za-z0-9]{17}$/);
    const again = await client.requestQueues().getOrCreate(first.name as string);
    expect(again.id).toBe(first.id);
    expect(again.name).toBe(first.name);

    const unnamedA = await client.requestQueues().getOrCreate();
    const unnamedB = await client.requestQueues().getOrCreate();
    expect(unnamedA.name).toBeNull();
    expect(unnamedB.name).toBeNull();
    expect(unnamedA.id).not.toBe(unnamedB.id);
    expect(await client.requestQueue(unnamedA.id).get()).toMatchObject({ id: unnamedA.id, name: null });
  });
});

test.describe('one queue', () => {
  test('get returns the queue object and undefined for an unknown id', async () => {
    const queue = await freshQueue(client, 'get');
    const got = await client.requestQueue(queue.id).get();
    expect(got).toMatchObject({
      id: queue.id,
      name: queue.name,
      userId: expect.any(String),
      totalRequestCount: 0,
      handledRequestCount: 0,
      pendingRequestCount: 0,
      hadMultipleClients: false,
      consoleUrl: expect.stringContaining(queue.id),
    });
    for (const field of ['createdAt', 'modifiedAt', 'accessedAt'] as const) expect(got?.[field]).toBeInstanceOf(Date);
    expect(await client.requestQueue('NoSuchQueue123456').get()).toBeUndefined();
    expect(await client.requestQueue('~no-such-queue-anywhere').get()).toBeUndefined();
  });

  test('update renames; renaming onto a taken name is 400 name-not-unique', async () => {
    const queue = await freshQueue(client, 'rename');
    const other = await freshQueue(client, 'rename-other');
    const newName = `${queue.name}-new`;
    const updated = await client.requestQueue(queue.id).update({ name: newName });
    expect(updated).toMatchObject({ id: queue.id, name: newName });
    expect((await client.requestQueue(`~${newName}`).get())?.id).toBe(queue.id);
    expect(await client.requestQueue(`~${queue.name}`).get()).toBeUndefined();

    await expectApiError(client.requestQueue(other.id).update({ name: newName }), 400, 'name-not-unique');
    expect((await client.requestQueue(other.id).get())?.name).toBe(other.name);
  });

  test('delete removes the queue; get is then undefined and a second delete does not throw', async () => {
    const { queue, rq } = await filledQueue('delete', 3);
    await rq.delete();
    expect(await rq.get()).toBeUndefined();
    expect(await client.requestQueue(`~${queue.name}`).get()).toBeUndefined();
    await expect(rq.delete()).resolves.toBeUndefined();
    await expectApiError(rq.listHead(), 404, 'record-not-found');
  });

  test('~name and local~name address the named queue', async () => {
    const queue = await freshQueue(client, 'tilde');
    const byTilde = client.requestQueue(`~${queue.name}`);
    const byUser = client.requestQueue(`local~${queue.name}`);
    expect((await byTilde.get())?.id).toBe(queue.id);
    expect((await byUser.get())?.id).toBe(queue.id);

    const added = await byUser.addRequest({ url: 'https://example.com/tilde', uniqueKey: 'tilde' });
    expect(await headIds(byTilde)).toEqual([added.requestId]);
    expect(await headIds(client.requestQueue(queue.id))).toEqual([added.requestId]);
    expect(await client.requestQueue(`someone-else~${queue.name}`).get()).toBeUndefined();
  });
});

test.describe('requests', () => {
  test('addRequest deduplicates by uniqueKey and keeps the first stored data', async () => {
    const queue = await freshQueue(client, 'add');
    const rq = client.requestQueue(queue.id);
    const first = await rq.addRequest({ url: 'https://a.com', uniqueKey: 'https://a.com', userData: { n: 1 } });
    expect(first).toEqual({
      requestId: requestIdOf('https://a.com'),
      wasAlreadyPresent: false,
      wasAlreadyHandled: false,
    });

    const again = await rq.addRequest({ url: 'https://b.com', uniqueKey: 'https://a.com', userData: { n: 2 } });
    expect(again).toEqual({ requestId: first.requestId, wasAlreadyPresent: true, wasAlreadyHandled: false });
    expect(await getStored(rq, first.requestId)).toMatchObject({ url: 'https://a.com', userData: { n: 1 } });
    expect(await counts(queue)).toEqual({ total: 1, handled: 0, pending: 1 });
  });

  test('forefront adds go first, newest first: 1,2,3 then p1,p2 → p2,p1,1,2,3', async () => {
    const queue = await freshQueue(client, 'forefront');
    const rq = client.requestQueue(queue.id);
    const id: Record<string, string> = {};
    for (const name of ['1', '2', '3']) {
      id[name] = (await rq.addRequest({ url: `https://example.com/${name}`, uniqueKey: name })).requestId;
    }
    for (const name of ['p1', 'p2']) {
      const url = `https://example.com/${name}`;
      id[name] = (await rq.addRequest({ url, uniqueKey: name }, { forefront: true })).requestId;
    }
    const expected = ['p2', 'p1', '1', '2', '3'].map((name) => id[name]);
    expect(await headIds(rq)).toEqual(expected);
    // forefront=false (sent as 0) is an ordinary add at the end.
    id['4'] = (await rq.addRequest({ url: 'https://example.com/4', uniqueKey: '4' }, { forefront: false })).requestId;
    const locked = await keyed(queue, 'fetcher').listAndLockHead({ lockSecs: 60 });
    expect(locked.items.map((item) => item.id)).toEqual([...expected, id['4']]);
  });

  test('a new request added with handledAt is stored as handled', async () => {
    const queue = await freshQueue(client, 'add-handled');
    const rq = client.requestQueue(queue.id);
    const handledAt = new Date().toISOString();
    const added = await rq.addRequest({ url: 'https://example.com/done', uniqueKey: 'done', handledAt });
    expect(added).toMatchObject({ wasAlreadyPresent: false, wasAlreadyHandled: false });
    expect(await counts(queue)).toEqual({ total: 1, handled: 1, pending: 0 });
    expect(await headIds(rq)).toEqual([]);
    expect((await getStored(rq, added.requestId))?.handledAt).toEqual(new Date(handledAt));

    const again = await rq.addRequest({ url: 'https://example.com/done', uniqueKey: 'done' });
    expect(again).toMatchObject({ requestId: added.requestId, wasAlreadyPresent: true, wasAlreadyHandled: true });
    expect(await counts(queue)).toEqual({ total: 1, handled: 1, pending: 0 });
  });

  test('getRequest returns the stored request, undefined for an unknown id', async () => {
    const queue = await freshQueue(client, 'get-request');
    const rq = client.requestQueue(queue.id);
    const body = {
      url: 'https://example.com/form',
      uniqueKey: 'form',
      method: 'POST' as const,
      payload: 'a=1',
      headers: { 'x-test': 'yes' },
      userData: { label: 'DETAIL', nested: { depth: 2 } },
    };
    const { requestId } = await rq.addRequest(body);
    // A pending request carries no handledAt at all (Crawlee rejects handledAt: null).
    expect(await getStored(rq, requestId)).toEqual({ ...body, id: requestId, retryCount: 0 });
    expect(await rq.getRequest(requestIdOf('never-added'))).toBeUndefined();
  });

  test('updateRequest: handled leaves the head, repeat reports wasAlreadyHandled, handledAt null reclaims', async () => {
    const { queue, rq, ids } = await filledQueue('update', 3);
    const [firstId, ...rest] = ids;
    const stored = (await getStored(rq, firstId as string)) as StoredRequest;
    const handled = {
      id: stored.id,
      uniqueKey: stored.uniqueKey,
      url: stored.url,
      handledAt: new Date().toISOString(),
    };

    expect(await rq.updateRequest(handled)).toEqual({
      requestId: firstId,
      wasAlreadyPresent: true,
      wasAlreadyHandled: false,
    });
    expect(await headIds(rq)).toEqual(rest);
    expect(await counts(queue)).toEqual({ total: 3, handled: 1, pending: 2 });

    expect(await rq.updateRequest(handled)).toMatchObject({ wasAlreadyHandled: true });
    expect(await counts(queue)).toEqual({ total: 3, handled: 1, pending: 2 });

    // apify-client types handledAt as a string, but null is how the API moves a request back to pending.
    const reclaimed = await rq.updateRequest({ ...handled, handledAt: null as unknown as string, retryCount: 1 });
    expect(reclaimed).toMatchObject({ wasAlreadyPresent: true, wasAlreadyHandled: true });
    expect(await counts(queue)).toEqual({ total: 3, handled: 0, pending: 3 });
    expect(await headIds(rq)).toEqual([...rest, firstId]);
    const pendingAgain = await getStored(rq, firstId as string);
    expect(pendingAgain).toMatchObject({ retryCount: 1 });
    expect(pendingAgain).not.toHaveProperty('handledAt');
  });

  test('updateRequest of a request never added inserts it', async () => {
    const queue = await freshQueue(client, 'upsert');
    const rq = client.requestQueue(queue.id);
    const id = requestIdOf('upserted');
    const result = await rq.updateRequest({ id, uniqueKey: 'upserted', url: 'https://example.com/upserted' });
    expect(result).toEqual({ requestId: id, wasAlreadyPresent: false, wasAlreadyHandled: false });
    expect(await headIds(rq)).toEqual([id]);
  });

  test('deleteRequest removes it and decrements the counts', async () => {
    const { queue, rq, ids } = await filledQueue('delete-request', 3);
    await rq.deleteRequest(ids[1] as string);
    expect(await rq.getRequest(ids[1] as string)).toBeUndefined();
    expect(await headIds(rq)).toEqual([ids[0], ids[2]]);
    expect(await counts(queue)).toEqual({ total: 2, handled: 0, pending: 2 });
  });

  test('batchAddRequests: a brotli-compressed batch of 25 with large userData', async () => {
    const { client: recorded, calls } = recordingClient();
    const queue = await freshQueue(recorded, 'batch-br');
    const rq = recorded.requestQueue(queue.id);
    const requests = uniqueKeys(25, 'https://example.com/big/').map((request, i) => ({
      ...request,
      userData: { index: i, blob: `${i}:`.padEnd(2000, String.fromCharCode(97 + (i % 26))) },
    }));
    const result = await rq.batchAddRequests(requests);
    expect(result.unprocessedRequests).toEqual([]);
    expect(result.processedRequests).toHaveLength(25);
    expect(result.processedRequests[3]).toEqual({
      uniqueKey: requests[3]?.uniqueKey,
      requestId: requestIdOf(requests[3]?.uniqueKey as string),
      wasAlreadyPresent: false,
      wasAlreadyHandled: false,
    });

    const batchCalls = calls.filter((call) => call.method === 'POST' && call.url.endsWith('/requests/batch'));
    expect(batchCalls).toHaveLength(1);
    expect(batchCalls[0]).toMatchObject({ encoding: 'br', status: 201 });
    const sent = JSON.parse(brotliDecompressSync(batchCalls[0]?.body as Buffer).toString('utf8'));
    expect(sent).toHaveLength(25);

    for (const index of [0, 13, 24]) {
      const request = requests[index] as (typeof requests)[number];
      expect((await getStored(rq, requestIdOf(request.uniqueKey)))?.userData).toEqual(request.userData);
    }
    expect(await counts(queue)).toEqual({ total: 25, handled: 0, pending: 25 });
  });

  test('batchAddRequests: more than 25 are split by the client; duplicates report wasAlreadyPresent', async () => {
    const { client: recorded, calls } = recordingClient();
    const queue = await freshQueue(recorded, 'batch-split');
    const rq = recorded.requestQueue(queue.id);
    const requests = uniqueKeys(60, 'https://example.com/split/');
    const result = await rq.batchAddRequests(requests);
    expect(result.unprocessedRequests).toEqual([]);
    expect(result.processedRequests.map((r) => r.uniqueKey).sort()).toEqual(requests.map((r) => r.uniqueKey).sort());
    expect(result.processedRequests.every((r) => !r.wasAlreadyPresent)).toBe(true);
    const batchCalls = calls.filter((call) => call.method === 'POST' && call.url.endsWith('/requests/batch'));
    expect(batchCalls).toHaveLength(3);
    expect(await counts(queue)).toEqual({ total: 60, handled: 0, pending: 60 });

    const mixed = [requests[0], { url: 'https://example.com/new', uniqueKey: 'new' }] as typeof requests;
    const second = await rq.batchAddRequests(mixed, { forefront: true });
    expect(second.processedRequests).toEqual([
      {
        uniqueKey: mixed[0]?.uniqueKey,
        requestId: requestIdOf(mixed[0]?.uniqueKey as string),
        wasAlreadyPresent: true,
        wasAlreadyHandled: false,
      },
      { uniqueKey: 'new', requestId: requestIdOf('new'), wasAlreadyPresent: false, wasAlreadyHandled: false },
    ]);
    expect((await headIds(rq, 1))[0]).toBe(requestIdOf('new'));
  });

  test('batchDeleteRequests deletes by id and by uniqueKey', async () => {
    const { queue, rq, ids } = await filledQueue('batch-delete', 5, 'https://example.com/bd/');
    const result = await rq.batchDeleteRequests([
      { id: ids[0] as string },
      { uniqueKey: 'https://example.com/bd/1' },
      { id: ids[4] as string },
    ]);
    expect(result.unprocessedRequests).toEqual([]);
    expect(result.processedRequests.map((r) => (r as { id?: string }).id)).toEqual([ids[0], ids[1], ids[4]]);
    expect((await rq.listRequests()).items.map((r) => r.id).sort()).toEqual([ids[2], ids[3]].sort());
    expect(await counts(queue)).toEqual({ total: 2, handled: 0, pending: 2 });
  });
});

test.describe('head and locks', () => {
  test('listHead: default limit 100, clamp to 1000, slim items, locked excluded', async () => {
    const { queue, rq, ids } = await filledQueue('head', 1100);
    const byDefault = await rq.listHead();
    expect(byDefault.limit).toBe(100);
    expect(byDefault.items.map((item) => item.id)).toEqual(ids.slice(0, 100));
    expect(byDefault.items[0]).toEqual({
      id: ids[0],
      uniqueKey: 'https://example.com/head/0',
      url: 'https://example.com/head/0',
      method: 'GET',
      retryCount: 0,
    });
    expect(byDefault.queueModifiedAt).toBeInstanceOf(Date);

    const clamped = await rq.listHead({ limit: 5000 });
    expect(clamped.limit).toBe(1000);
    expect(clamped.items).toHaveLength(1000);

    await keyed(queue, 'locker').listAndLockHead({ lockSecs: 60, limit: 3 });
    expect(await headIds(rq, 5)).toEqual(ids.slice(3, 8));
  });

  test('listAndLockHead locks, reports lock state and the clientKey, and rejects limit 26', async () => {
    const { queue, rq, ids } = await filledQueue('lock-head', 30);
    const sentAt = Date.now();
    const locked = await keyed(queue, 'client-a').listAndLockHead({ lockSecs: 60 });
    expect(locked).toMatchObject({
      limit: 25,
      lockSecs: 60,
      clientKey: 'client-a',
      queueHasLockedRequests: true,
    });
    expect(locked.queueModifiedAt).toBeInstanceOf(Date);
    expect(locked.items.map((item) => item.id)).toEqual(ids.slice(0, 25));
    for (const item of locked.items) expectExpiryIn(item.lockExpiresAt, 60, sentAt);
    expect(await headIds(rq)).toEqual(ids.slice(25));

    const byOther = await keyed(queue, 'client-b').listAndLockHead({ lockSecs: 60, limit: 10 });
    expect(byOther.items.map((item) => item.id)).toEqual(ids.slice(25));
    const nothingLeft = await keyed(queue, 'client-c').listAndLockHead({ lockSecs: 60 });
    expect(nothingLeft).toMatchObject({ items: [], queueHasLockedRequests: true, clientKey: 'client-c' });

    await expectApiError(keyed(queue, 'client-a').listAndLockHead({ lockSecs: 60, limit: 26 }), 400, 'invalid-input');
    const empty = await freshQueue(client, 'lock-empty');
    expect(await keyed(empty, 'client-a').listAndLockHead({ lockSecs: 60 })).toMatchObject({
      items: [],
      queueHasLockedRequests: false,
    });
  });

  test('a lock expires after lockSecs: the request returns to the head and another client can lock it', async () => {
    const { queue, rq, ids } = await filledQueue('expiry', 1);
    const owner = keyed(queue, 'short-lived');
    expect((await owner.listAndLockHead({ lockSecs: 1 })).items.map((item) => item.id)).toEqual(ids);
    const other = keyed(queue, 'successor');
    expect(await other.listAndLockHead({ lockSecs: 60 })).toMatchObject({ items: [], queueHasLockedRequests: true });

    await expect.poll(() => headIds(rq), { timeout: 10_000 }).toEqual(ids);
    expect((await other.listAndLockHead({ lockSecs: 60 })).items.map((item) => item.id)).toEqual(ids);
    await expectApiError(owner.prolongRequestLock(ids[0] as string, { lockSecs: 60 }), 400, 'invalid-client-key');
  });

  test('prolongRequestLock moves the expiry later; another client key is 400 invalid-client-key', async () => {
    const { queue, rq, ids } = await filledQueue('prolong', 2);
    const [lockedId, freeId] = ids as [string, string];
    const owner = keyed(queue, 'owner');
    const [item] = (await owner.listAndLockHead({ lockSecs: 60, limit: 1 })).items;
    const sentAt = Date.now();
    const prolonged = await owner.prolongRequestLock(lockedId, { lockSecs: 120 });
    expectExpiryIn(prolonged.lockExpiresAt, 120, sentAt);
    expect(prolonged.lockExpiresAt.getTime()).toBeGreaterThan(item?.lockExpiresAt?.getTime() ?? Infinity);

    const intruder = keyed(queue, 'intruder');
    await expectApiError(intruder.prolongRequestLock(lockedId, { lockSecs: 600 }), 400, 'invalid-client-key');
    await expectApiError(intruder.deleteRequestLock(lockedId), 400, 'invalid-client-key');
    expect((await getStored(rq, lockedId))?.lockExpiresAt).toEqual(prolonged.lockExpiresAt);

    await expectApiError(owner.prolongRequestLock(freeId, { lockSecs: 60 }), 400, 'invalid-input');
    await expectApiError(owner.prolongRequestLock(requestIdOf('nope'), { lockSecs: 60 }), 404, 'record-not-found');
  });

  test('deleteRequestLock puts the request at the end, or first with forefront', async () => {
    const { queue, rq, ids } = await filledQueue('unlock-one', 4);
    const [r1, r2, r3, r4] = ids as [string, string, string, string];
    const owner = keyed(queue, 'owner');

    await owner.listAndLockHead({ lockSecs: 60, limit: 1 });
    expect(await headIds(rq)).toEqual([r2, r3, r4]);
    await owner.deleteRequestLock(r1);
    expect(await headIds(rq)).toEqual([r2, r3, r4, r1]);

    expect((await owner.listAndLockHead({ lockSecs: 60, limit: 1 })).items[0]?.id).toBe(r2);
    await owner.deleteRequestLock(r2, { forefront: true });
    expect(await headIds(rq)).toEqual([r2, r3, r4, r1]);
    expect((await getStored(rq, r2))?.lockExpiresAt).toBeUndefined();
  });

  test('unlockRequests releases only the caller’s locks', async () => {
    const { queue, rq, ids } = await filledQueue('unlock-all', 6);
    const a = keyed(queue, 'a');
    const b = keyed(queue, 'b');
    await a.listAndLockHead({ lockSecs: 60, limit: 3 });
    await b.listAndLockHead({ lockSecs: 60, limit: 2 });
    expect(await a.unlockRequests()).toEqual({ unlockedCount: 3 });
    expect(await a.unlockRequests()).toEqual({ unlockedCount: 0 });
    const stillLocked = await rq.listRequests({ filter: ['locked'] });
    expect(stillLocked.items.map((r) => r.id).sort()).toEqual(ids.slice(3, 5).sort());
    expect(await headIds(rq)).toEqual([ids[5], ...ids.slice(0, 3)]);
  });

  test('getRequest shows lockExpiresAt and lockByClient while locked', async () => {
    const { queue, rq, ids } = await filledQueue('lock-info', 1);
    const id = ids[0] as string;
    expect(await getStored(rq, id)).not.toHaveProperty('lockExpiresAt');
    const owner = keyed(queue, 'inspector');
    const [item] = (await owner.listAndLockHead({ lockSecs: 60 })).items;
    expect(await getStored(rq, id)).toMatchObject({ lockExpiresAt: item?.lockExpiresAt, lockByClient: 'inspector' });
    await owner.deleteRequestLock(id);
    const released = await getStored(rq, id);
    expect(released).not.toHaveProperty('lockExpiresAt');
    expect(released).not.toHaveProperty('lockByClient');
  });

  test('updateRequest keeps the lock; lock fields echoed back in the body are not stored', async () => {
    const { queue, rq, ids } = await filledQueue('lock-echo', 1);
    const id = ids[0] as string;
    const owner = keyed(queue, 'echoer');
    await owner.listAndLockHead({ lockSecs: 60 });
    const read = (await getStored(rq, id)) as StoredRequest;
    // A read-modify-write sends GET's lockExpiresAt and lockByClient back.
    await owner.updateRequest({ ...read, handledAt: undefined, userData: { edited: true } });
    expect(await getStored(rq, id)).toMatchObject({
      userData: { edited: true },
      lockExpiresAt: read.lockExpiresAt,
      lockByClient: 'echoer',
    });
    await owner.deleteRequestLock(id);
    const released = await getStored(rq, id);
    expect(released).toMatchObject({ userData: { edited: true } });
    expect(released).not.toHaveProperty('lockExpiresAt');
    expect(released).not.toHaveProperty('lockByClient');
  });

  test('queue modifiedAt moves on lock and unlock, not on reads', async () => {
    const { queue, rq } = await filledQueue('modified', 2);
    const modifiedAt = async () => ((await rq.get()) as RequestQueue).modifiedAt.getTime();
    const afterAdd = await modifiedAt();
    // Timestamps have millisecond resolution: let the clock pass the last write first.
    await expect.poll(() => Date.now()).toBeGreaterThan(afterAdd);
    await rq.listHead();
    await rq.listRequests();
    expect(await modifiedAt()).toBe(afterAdd);

    const locked = await keyed(queue, 'modifier').listAndLockHead({ lockSecs: 60, limit: 1 });
    const afterLock = await modifiedAt();
    expect(afterLock).toBeGreaterThan(afterAdd);
    expect(locked.queueModifiedAt.getTime()).toBe(afterLock);

    await expect.poll(() => Date.now()).toBeGreaterThan(afterLock);
    await keyed(queue, 'modifier').deleteRequestLock(locked.items[0]?.id as string);
    expect(await modifiedAt()).toBeGreaterThan(afterLock);
  });

  test('hadMultipleClients turns true with a second clientKey and stays true', async () => {
    const queue = await freshQueue(client, 'multi');
    const a = keyed(queue, 'first-client');
    await a.batchAddRequests(uniqueKeys(3));
    await a.listHead();
    await a.addRequest({ url: 'https://example.com/more', uniqueKey: 'more' });
    await a.listAndLockHead({ lockSecs: 60, limit: 1 });
    await client.requestQueue(queue.id).get();
    expect((await a.listHead()).hadMultipleClients).toBe(false);
    expect((await client.requestQueue(queue.id).get())?.hadMultipleClients).toBe(false);

    expect((await keyed(queue, 'second-client').listHead()).hadMultipleClients).toBe(true);
    expect((await a.listHead()).hadMultipleClients).toBe(true);
    expect((await a.listAndLockHead({ lockSecs: 60, limit: 1 })).hadMultipleClients).toBe(true);
    expect((await client.requestQueue(queue.id).get())?.hadMultipleClients).toBe(true);
  });
});

test.describe('listing requests', () => {
  test('listRequests pages with cursor: disjoint, complete, includes handled', async () => {
    const { rq, ids } = await filledQueue('list-requests', 250);
    const first = ids[0] as string;
    await rq.updateRequest({
      id: first,
      uniqueKey: 'https://example.com/list-requests/0',
      url: 'https://x',
      handledAt: new Date().toISOString(),
    });

    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await rq.listRequests({ limit: 100, ...(cursor === undefined ? {} : { cursor }) });
      expect(page.limit).toBe(100);
      pages.push(page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(pages.map((page) => page.length)).toEqual([100, 100, 50]);
    const seen = pages.flat();
    expect(new Set(seen).size).toBe(250);
    expect([...seen].sort()).toEqual([...ids].sort());

    const small = await rq.listRequests({ limit: 7 });
    expect(small.items).toHaveLength(7);
    expect(small.nextCursor).toEqual(expect.any(String));
    const handled = (await rq.listRequests()).items.find((r) => r.id === first);
    expect(handled?.handledAt).toBeTruthy();
  });

  test('listRequests filter: locked, pending, both', async () => {
    const { queue, rq, ids } = await filledQueue('filter', 6);
    await keyed(queue, 'filterer').listAndLockHead({ lockSecs: 60, limit: 2 });
    await rq.updateRequest({
      id: ids[5] as string,
      uniqueKey: 'https://example.com/filter/5',
      url: 'https://example.com/filter/5',
      handledAt: new Date().toISOString(),
    });
    const listed = async (filter?: ('locked' | 'pending')[]) =>
      (await rq.listRequests(filter ? { filter } : {})).items.map((r) => r.id).sort();

    const cases: [('locked' | 'pending')[] | undefined, string[]][] = [
      [['locked'], ids.slice(0, 2)],
      [['pending'], ids.slice(2, 5)],
      [['locked', 'pending'], ids.slice(0, 5)],
      [undefined, ids],
    ];
    for (const [filter, expected] of cases) expect(await listed(filter), String(filter)).toEqual([...expected].sort());
  });

  test('paginateRequests walks every page with maxPageLimit', async () => {
    const { rq, ids } = await filledQueue('paginate', 20);
    const pages: string[][] = [];
    for await (const page of rq.paginateRequests({ maxPageLimit: 7 })) pages.push(page.items.map((r) => r.id));
    expect(pages.map((page) => page.length)).toEqual([7, 7, 6]);
    expect(pages.flat().sort()).toEqual([...ids].sort());

    const limited: string[] = [];
    for await (const page of rq.paginateRequests({ maxPageLimit: 7, limit: 10 })) {
      limited.push(...page.items.map((r) => r.id));
    }
    expect(limited).toHaveLength(10);
    expect(new Set(limited).size).toBe(10);
  });
});

test.describe('errors', () => {
  const cases: [string, (queue: RequestQueue) => Promise<unknown>, number, string][] = [
    [
      'head/lock with limit 26',
      (q) => keyed(q, 'k').listAndLockHead({ lockSecs: 60, limit: 26 }),
      400,
      'invalid-input',
    ],
    ['head/lock with lockSecs 0', (q) => keyed(q, 'k').listAndLockHead({ lockSecs: 0 }), 400, 'invalid-input'],
    ['a 33-character clientKey', (q) => keyed(q, 'k'.repeat(33)).listHead(), 400, 'invalid-client-key'],
    [
      'an id that does not match its uniqueKey',
      (q) => client.requestQueue(q.id).updateRequest({ id: requestIdOf('a'), uniqueKey: 'b', url: 'https://b' }),
      400,
      'request-id-invalid',
    ],
    [
      'adding to an unknown queue',
      () => client.requestQueue('NoSuchQueue123456').addRequest({ url: 'https://a', uniqueKey: 'a' }),
      404,
      'record-not-found',
    ],
    [
      'an unknown token',
      (q) => emulatorClient({ token: 'wrong-token' }).requestQueue(q.id).listHead(),
      401,
      'token-not-valid',
    ],
  ];
  for (const [name, call, status, type] of cases) {
    test(`${name} → ${status} ${type}`, async () => {
      const queue = await freshQueue(client, 'errors');
      await expectApiError(call(queue), status, type);
    });
  }
});
