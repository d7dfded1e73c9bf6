import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LabQueue, LabStepResult } from '../lab/types';
import { failure, must } from './action-result.test-support';
import { apiError, FAKE_QUEUE_ID, type FakeApify, fakeApifyContext, startFakeApify } from './fake-apify.test-support';
import { createLabQueue } from './lab';
import { type LabEmulator, SESSION, startLabEmulator } from './lab.test-support';
import { newLanes } from './lab-registry';
import { runLabStep } from './lab-step';
import { getLabView } from './lab-view';

// Lab steps over the real chain: what each does to the queue, and the calls it shows.

let lab: LabEmulator;
beforeAll(async () => {
  lab = await startLabEmulator();
});
afterAll(() => lab.close());

let queue: LabQueue;
let ids: Record<string, string>;
const key = (lane: 'A' | 'B' | 'C' | 'D') =>
  queue.lanes.find((candidate) => candidate.id === lane)?.clientKey as string;
const step = (input: Record<string, unknown>, ctx = lab.ctx()) =>
  lab.asSession(() => runLabStep(ctx, { queueId: queue.queueId, ...input }));
/** The step's calls as `METHOD path-without-query status`, with the lane of the clientKey sent. */
const wire = (result: LabStepResult) =>
  result.calls.map((call) => {
    const lane = queue.lanes.find((candidate) => candidate.clientKey === call.clientKey)?.id ?? '-';
    return `${call.method} ${call.path.split('?')[0]?.replace(`/v2/request-queues/${queue.queueId}`, '')} ${call.status} ${lane}`;
  });
const view = async () => must(await getLabView(lab.ctx(), { queueId: queue.queueId }));
const head = async () => (await view()).headIds.map((id) => Object.keys(ids).find((label) => ids[label] === id));
const requestOf = async (label: string) => (await view()).requests.find((request) => request.label === label);

// A fresh lab queue per test: r1 r2 at the front, then r3…r6; nothing handled.
beforeEach(async () => {
  queue = must(await createLabQueue(lab.ctx(), { requests: 6, forefront: 2, handled: 0 }));
  ids = Object.fromEntries((await view()).requests.map((request) => [request.label, request.id]));
  lab.seen.length = 0;
});

describe('hadMultipleClients', () => {
  it('stays false while only lane A calls, and turns true once lane B reads the head', async () => {
    const locked = must(await step({ lane: 'A', op: 'lock', lockSecs: 60, limit: 1 }));
    expect(locked.outcome).toMatchObject({ op: 'lock', hadMultipleClients: false });
    expect((await lab.queue(queue.queueId))?.hadMultipleClients).toBe(false);
    const read = must(await step({ lane: 'B', op: 'read', limit: 10 }));
    expect(read.outcome).toEqual({
      op: 'read',
      ids: [ids.r2, ids.r3, ids.r4, ids.r5, ids.r6],
      hadMultipleClients: true,
    });
    expect((await lab.queue(queue.queueId))?.hadMultipleClients).toBe(true);
  });
});

describe('each op', () => {
  it('lock: locks the head as the lane, in one POST that sent its clientKey', async () => {
    const result = must(await step({ lane: 'C', op: 'lock', lockSecs: 30, limit: 2 }));
    expect(result.error).toBeNull();
    expect(result.outcome).toMatchObject({ op: 'lock', lockSecs: 30, queueHasLockedRequests: true });
    expect(result.outcome?.op === 'lock' && result.outcome.items.map((item) => item.id)).toEqual([ids.r1, ids.r2]);
    expect(wire(result)).toEqual(['POST /head/lock 201 C']);
    expect(result.calls[0]?.path).toBe(
      `/v2/request-queues/${queue.queueId}/head/lock?limit=2&lockSecs=30&clientKey=${key('C')}`,
    );
    expect((await requestOf('r1'))?.lockByClient).toBe(key('C'));
  });

  it('prolong, unlock to the front: each one call as the holder', async () => {
    must(await step({ lane: 'A', op: 'lock', lockSecs: 5, limit: 2 }));
    const prolonged = must(await step({ lane: 'A', op: 'prolong', requestId: ids.r1, lockSecs: 120 }));
    expect(prolonged.outcome).toMatchObject({ op: 'prolong', requestId: ids.r1, forefront: false });
    const expiry = prolonged.outcome?.op === 'prolong' ? Date.parse(prolonged.outcome.lockExpiresAt) : 0;
    expect(expiry).toBeGreaterThan(Date.now() + 100_000);
    expect(wire(prolonged)).toEqual([`PUT /requests/${ids.r1}/lock 200 A`]);

    const unlocked = must(await step({ lane: 'A', op: 'unlock', requestId: ids.r2, forefront: true }));
    expect(unlocked.outcome).toEqual({ op: 'unlock', requestId: ids.r2, forefront: true });
    expect(wire(unlocked)).toEqual([`DELETE /requests/${ids.r2}/lock 204 A`]);
    expect(unlocked.calls[0]?.path).toContain('forefront=1');
    expect(await head()).toEqual(['r2', 'r3', 'r4', 'r5', 'r6']);
  });

  it('handled: GET the request (no clientKey), PUT it back with handledAt', async () => {
    must(await step({ lane: 'B', op: 'lock', lockSecs: 60, limit: 1 }));
    const result = must(await step({ lane: 'B', op: 'handled', requestId: ids.r1 }));
    expect(result.outcome).toEqual({ op: 'handled', requestId: ids.r1, wasAlreadyHandled: false });
    expect(wire(result)).toEqual([`GET /requests/${ids.r1} 200 -`, `PUT /requests/${ids.r1} 200 B`]);
    expect(await view()).toMatchObject({ handledRequestCount: 1, pendingRequestCount: 5 });
    expect(await requestOf('r1')).toMatchObject({ handledAt: expect.any(String), lockExpiresAt: null });
  });

  it.each([
    [false, ['r2', 'r3', 'r4', 'r5', 'r6', 'r1']],
    [true, ['r1', 'r2', 'r3', 'r4', 'r5', 'r6']],
  ])('fail (forefront %s): counts the retry, keeps the error, returns the request', async (forefront, order) => {
    must(await step({ lane: 'D', op: 'lock', lockSecs: 60, limit: 1 }));
    const result = must(
      await step({ lane: 'D', op: 'fail', requestId: ids.r1, errorMessage: 'HTTP 503 from the site', forefront }),
    );
    expect(result.outcome).toEqual({ op: 'fail', requestId: ids.r1, retryCount: 1, forefront });
    expect(wire(result)).toEqual([
      `GET /requests/${ids.r1} 200 -`,
      `PUT /requests/${ids.r1} 200 D`,
      `DELETE /requests/${ids.r1}/lock 204 D`,
    ]);
    expect(await requestOf('r1')).toMatchObject({
      retryCount: 1,
      lastError: 'HTTP 503 from the site',
      lockExpiresAt: null,
    });
    expect(await head()).toEqual(order);
    const relocked = must(await step({ lane: 'D', op: 'lock', lockSecs: 60, limit: 6 }));
    // The lock answer carries the retries counted so far, so a crawler knows them whoever failed it.
    expect(
      relocked.outcome?.op === 'lock' && relocked.outcome.items.find((item) => item.id === ids.r1)?.retryCount,
    ).toBe(1);
    const again = must(await step({ lane: 'D', op: 'fail', requestId: ids.r1, errorMessage: 'second', forefront }));
    expect(again.outcome).toMatchObject({ retryCount: 2 });
    expect(lab.store.getRequest(queue.queueId, ids.r1 as string).errorMessages).toEqual([
      'HTTP 503 from the site',
      'second',
    ]);
  });

  it('every call goes to the session API log too, with the IDs the step shows', async () => {
    must(await step({ lane: 'A', op: 'lock', lockSecs: 60, limit: 1 }));
    const result = must(await step({ lane: 'A', op: 'fail', requestId: ids.r1, errorMessage: 'x' }));
    const logged = lab.book.calls(SESSION).slice(0, 3).reverse();
    expect(logged.map((call) => [call.id, call.method, call.path, call.status, call.clientKey])).toEqual(
      result.calls.map((call) => [call.id, call.method, call.path, call.status, call.clientKey]),
    );
    expect(result.calls.map((call) => call.id)).toEqual([...result.calls.map((call) => call.id)].sort((a, b) => a - b));
    for (const call of result.calls) {
      expect(Date.parse(call.startedAt)).toBeGreaterThanOrEqual(Date.parse(result.startedAt) - 5);
      expect(Date.parse(call.startedAt)).toBeLessThanOrEqual(Date.parse(result.finishedAt));
    }
  });
});

describe('upstream refusals come back as the step error, with the calls made', () => {
  it('a lane prolonging a lock another lane holds: one PUT, refused with 400', async () => {
    must(await step({ lane: 'A', op: 'lock', lockSecs: 60, limit: 1 }));
    const result = must(await step({ lane: 'B', op: 'prolong', requestId: ids.r1, lockSecs: 60 }));
    expect(result).toMatchObject({ lane: 'B', outcome: null, error: { code: 'lock-conflict' } });
    expect(wire(result)).toEqual([`PUT /requests/${ids.r1}/lock 400 B`]);
  });

  it('a lane marking handled a request another lane holds: GET, then the PUT refused', async () => {
    must(await step({ lane: 'A', op: 'lock', lockSecs: 60, limit: 1 }));
    const result = must(await step({ lane: 'C', op: 'handled', requestId: ids.r1 }));
    expect(result.error?.code).toBe('lock-conflict');
    expect(wire(result)).toEqual([`GET /requests/${ids.r1} 200 -`, `PUT /requests/${ids.r1} 400 C`]);
    expect(await requestOf('r1')).toMatchObject({ handledAt: null, lockByClient: key('A') });
  });

  it('an unknown request: the GET 404 is the step error', async () => {
    const result = must(await step({ lane: 'A', op: 'handled', requestId: 'NoSuchRequest12' }));
    expect(result.error).toMatchObject({ code: 'not-found', message: 'That request does not exist.' });
    expect(wire(result)).toEqual(['GET /requests/NoSuchRequest12 404 -']);
  });
});

describe('refused steps call nothing', () => {
  it('refuses a queue that is not a lab queue', async () => {
    const id = lab.store.getOrCreateQueue('not-a-lab').queue.id as string;
    lab.seen.length = 0;
    const error = failure(await runLabStep(lab.ctx(), { queueId: id, lane: 'A', op: 'read', limit: 5 }));
    expect(error.code).toBe('needs-acknowledgement');
    expect(lab.seen).toEqual([]);
  });

  it('refuses a session without an account', async () => {
    const error = failure(await step({ lane: 'A', op: 'read', limit: 5 }, lab.ctx({ labs: null })));
    expect(error.code).toBe('internal');
    expect(lab.seen).toEqual([]);
  });

  it.each([
    ['an unknown lane', { lane: 'E', op: 'read', limit: 5 }, 'lane'],
    ['lockSecs 0', { lane: 'A', op: 'lock', lockSecs: 0, limit: 1 }, 'lockSecs must be at least 1 second'],
    ['lockSecs 601', { lane: 'A', op: 'lock', lockSecs: 601, limit: 1 }, 'lockSecs must be at most 600'],
    ['lock limit 26', { lane: 'A', op: 'lock', lockSecs: 5, limit: 26 }, 'limit must be at most 25'],
    ['read limit 101', { lane: 'A', op: 'read', limit: 101 }, 'limit must be at most 100'],
    ['an empty errorMessage', { lane: 'A', op: 'fail', requestId: 'abc', errorMessage: ' ' }, 'errorMessage'],
    ['a long errorMessage', { lane: 'A', op: 'fail', requestId: 'abc', errorMessage: 'x'.repeat(501) }, '500'],
    ['a missing requestId', { lane: 'A', op: 'unlock' }, 'requestId'],
    ['a requestId with a path', { lane: 'A', op: 'handled', requestId: '../x' }, 'requestId'],
    ['an unknown op', { lane: 'A', op: 'steal' }, 'op'],
  ])('refuses %s as invalid input, changing nothing', async (_case, input, message) => {
    const before = lab.store.getQueue(queue.queueId);
    const error = failure(await step(input));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain(message);
    expect(lab.seen).toEqual([]);
    expect(lab.store.getQueue(queue.queueId)).toEqual(before);
  });

  it('refuses forefront + handled > requests for a new queue, creating nothing', async () => {
    const count = () => lab.store.listQueues({ offset: 0, limit: 1000, desc: false, unnamed: true }).total;
    const before = count();
    const error = failure(await createLabQueue(lab.ctx(), { requests: 5, forefront: 3, handled: 3 }));
    expect(error).toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('at most the number of requests (5)'),
    });
    expect(count()).toBe(before);
    expect(lab.seen).toEqual([]);
  });

  it('a read-only session may read the head as a lane, and nothing else', async () => {
    const readOnly = lab.ctx({ writesArmed: false });
    for (const input of [
      { lane: 'A', op: 'lock', lockSecs: 5, limit: 1 },
      { lane: 'A', op: 'prolong', requestId: ids.r1, lockSecs: 5 },
      { lane: 'A', op: 'unlock', requestId: ids.r1 },
      { lane: 'A', op: 'handled', requestId: ids.r1 },
      { lane: 'A', op: 'fail', requestId: ids.r1, errorMessage: 'x' },
    ]) {
      expect(failure(await step(input, readOnly)).code).toBe('read-only');
    }
    expect(lab.seen).toEqual([]);
    const read = must(await step({ lane: 'A', op: 'read', limit: 3 }, readOnly));
    expect(read.outcome).toEqual({ op: 'read', ids: [ids.r1, ids.r2, ids.r3], hadMultipleClients: false });
  });
});

describe('on Apify', () => {
  let fake: FakeApify;
  beforeEach(async () => {
    fake = await startFakeApify();
  });
  afterEach(() => fake.close());

  it('a 429 comes back as rate-limited, with its one call: never retried', async () => {
    const labs = { registry: lab.registry, account: 'alice' };
    labs.registry.add(
      { target: 'apify', account: 'alice' },
      {
        queueId: FAKE_QUEUE_ID,
        name: 'shop',
        createdByLab: false,
        createdAt: '',
        lanes: newLanes(),
        seededForefront: [],
      },
    );
    fake.script(apiError(429, 'rate-limit-exceeded', 'You have exceeded the rate limit of 40 requests per second'));
    const result = must(
      await runLabStep(fakeApifyContext(fake, 'apify-token-XYZ-123', { labs }), {
        queueId: FAKE_QUEUE_ID,
        lane: 'B',
        op: 'lock',
        lockSecs: 60,
        limit: 5,
      }),
    );
    expect(result.error?.code).toBe('rate-limited');
    expect(result.outcome).toBeNull();
    expect(result.calls.map((call) => [call.method, call.status])).toEqual([['POST', 429]]);
    expect(fake.requests).toHaveLength(1);
    expect(JSON.stringify(result)).not.toContain('apify-token-XYZ-123');
  });
});
