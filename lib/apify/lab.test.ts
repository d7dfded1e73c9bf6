import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LabQueue } from '../lab/types';
import { failure, must } from './action-result.test-support';
import { type FakeApify, fakeApifyContext, startFakeApify } from './fake-apify.test-support';
import { adoptLabQueue, createLabQueue, getLabQueue } from './lab';
import { LAB_TOKEN, type LabEmulator, startLabEmulator } from './lab.test-support';
import { createLabRegistry } from './lab-registry';
import { runLabStep } from './lab-step';
import { getLabView, labelOf } from './lab-view';

// The lab's queues and its view over the real chain: gateway → apify-client → HTTP → emulator.

let lab: LabEmulator;
beforeAll(async () => {
  lab = await startLabEmulator();
});
afterAll(() => lab.close());
beforeEach(() => {
  lab.seen.length = 0;
});

const labelsOf = async (queueId: string, ids: string[]) => {
  const view = must(await getLabView(lab.ctx(), { queueId }));
  const byId = new Map(view.requests.map((request) => [request.id, request.label]));
  return ids.map((id) => byId.get(id));
};
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `r${from + i}`);

let plainCount = 0;
/** A queue the lab did not make, with `n` requests added by a crawler. */
function plainQueue(n: number) {
  plainCount += 1;
  const id = lab.store.getOrCreateQueue(`plain-${plainCount}`).queue.id as string;
  const urls = Array.from({ length: n }, (_, i) => ({
    url: `https://shop.test/${plainCount}/p${i}`,
    uniqueKey: `p${i}`,
  }));
  for (let i = 0; i < urls.length; i += 25)
    lab.store.batchAddRequests(id, urls.slice(i, i + 25), { clientKey: 'crawler' });
  return id;
}

describe('createLabQueue', () => {
  it('makes a queue whose head reads r1… (the forefront ones first), with the asked counts, as one client', async () => {
    const created = must(await createLabQueue(lab.ctx(), { requests: 60, forefront: 3, handled: 27 }));
    expect(created).toMatchObject({ createdByLab: true, seededForefront: expect.any(Array) });
    expect(created.name).toMatch(/^lab-\d{8}-\d{6}(-[0-9a-f]{6})?$/);
    expect(created.lanes.map((lane) => lane.id)).toEqual(['A', 'B', 'C', 'D']);
    expect(lab.registry.get({ target: 'local', account: 'alice' }, created.queueId)).toEqual(created);
    const laneA = created.lanes[0]?.clientKey;
    // Every call that sent a clientKey sent lane A's.
    expect(new Set(lab.seen.map((call) => call.clientKey).filter((key) => key !== null))).toEqual(new Set([laneA]));
    expect((await lab.queue(created.queueId))?.hadMultipleClients).toBe(false);

    const view = must(await getLabView(lab.ctx(), { queueId: created.queueId }));
    expect(view).toMatchObject({ totalRequestCount: 60, handledRequestCount: 27, pendingRequestCount: 33 });
    expect(await labelsOf(created.queueId, view.headIds)).toEqual(range(1, 33));
    expect(await labelsOf(created.queueId, created.seededForefront)).toEqual(['r1', 'r2', 'r3']);
    const r60 = view.requests.find((request) => request.label === 'r60');
    expect(r60).toMatchObject({
      url: 'https://example.com/lab/r60',
      handledAt: expect.any(String),
      lockExpiresAt: null,
    });
    expect(view.hadMultipleClients).toBe(false);
    expect((await lab.queue(created.queueId))?.hadMultipleClients).toBe(false);
  });

  it('uses the defaults (20 requests, 3 at the front, 2 handled)', async () => {
    const created = must(await createLabQueue(lab.ctx(), {}));
    const view = must(await getLabView(lab.ctx(), { queueId: created.queueId }));
    expect(view).toMatchObject({ totalRequestCount: 20, handledRequestCount: 2, pendingRequestCount: 18 });
    expect(await labelsOf(created.queueId, view.headIds)).toEqual(range(1, 18));
  });

  it('takes another name when a queue of that name already exists', async () => {
    const stamp = (ms: number) =>
      `lab-${new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}`;
    const now = Date.now();
    for (let s = 0; s < 5; s += 1) {
      const taken = lab.store.getOrCreateQueue(stamp(now + s * 1000)).queue.id as string;
      lab.store.batchAddRequests(taken, [{ url: 'https://shop.test/x', uniqueKey: 'x' }], { clientKey: 'crawler' });
    }
    const created = must(await createLabQueue(lab.ctx(), { requests: 2, forefront: 0, handled: 0 }));
    expect(created.name).toMatch(/^lab-\d{8}-\d{6}-[0-9a-f]{6}$/);
    expect((await lab.queue(created.queueId))?.totalRequestCount).toBe(2);
  });

  it('needs writes armed', async () => {
    const queues = lab.store.listQueues({ offset: 0, limit: 1000, desc: false, unnamed: true }).total;
    expect(failure(await createLabQueue(lab.ctx({ writesArmed: false }), {})).code).toBe('read-only');
    expect(lab.store.listQueues({ offset: 0, limit: 1000, desc: false, unnamed: true }).total).toBe(queues);
    expect(lab.seen).toEqual([]);
  });
});

describe('createLabQueue on Apify', () => {
  let fake: FakeApify;
  beforeEach(async () => {
    fake = await startFakeApify();
  });
  afterEach(() => fake.close());

  it('refuses without confirmation, saying what it would create, and calls nothing', async () => {
    const ctx = fakeApifyContext(fake, 'apify-token-XYZ-123', { labs: { registry: lab.registry, account: 'alice' } });
    const error = failure(await createLabQueue(ctx, { requests: 10, forefront: 1, handled: 1 }));
    expect(error.code).toBe('needs-acknowledgement');
    expect(error.message).toMatch(/new request queue .* 10 requests on your Apify account/);
    expect(fake.requests).toEqual([]);
  });
});

describe('getLabQueue and adoptLabQueue', () => {
  it('tells a lab queue from a plain one, and an unknown queue from both', async () => {
    const created = must(await createLabQueue(lab.ctx(), { requests: 3, forefront: 1, handled: 1 }));
    expect(must(await getLabQueue(lab.ctx(), { queueId: created.queueId }))).toEqual(created);
    expect(must(await getLabQueue(lab.ctx(), { queueId: plainQueue(1) }))).toBeNull();
    expect(failure(await getLabQueue(lab.ctx(), { queueId: 'NoSuchQueue123456' })).code).toBe('not-found');
  });

  it('adopts a queue once (read-only allowed), with fresh lanes and nothing seeded', async () => {
    const id = plainQueue(4);
    const readOnly = lab.ctx({ writesArmed: false });
    const adopted = must(await adoptLabQueue(readOnly, { queueId: id, confirmed: true }));
    expect(adopted).toMatchObject({ queueId: id, createdByLab: false, seededForefront: [], name: expect.any(String) });
    expect(must(await adoptLabQueue(readOnly, { queueId: id, confirmed: true }))).toEqual(adopted);
    expect(lab.seen.every((call) => call.clientKey === null)).toBe(true);
    // Lane A now reads it: a second client (the crawler was the first).
    const view = must(await getLabView(lab.ctx(), { queueId: id }));
    expect(view).toMatchObject({ totalRequestCount: 4, hadMultipleClients: true });
  });

  it.each([
    ['no confirmation', { confirmed: false }, 'invalid-input', /confirmed must be true/],
    ['an unknown queue', { queueId: 'NoSuchQueue123456' }, 'not-found', /does not exist/],
    ['a queue name', { queueId: '~shop' }, 'invalid-input', /queueId must be a queue ID/],
  ])('refuses %s', async (_case, change, code, message) => {
    const id = plainQueue(1);
    const error = failure(await adoptLabQueue(lab.ctx(), { queueId: id, confirmed: true, ...change }));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(lab.registry.get({ target: 'local', account: 'alice' }, id)).toBeNull();
  });

  it('refuses a queue of more than 1000 requests, and the view refuses one that grew past it', async () => {
    const big = plainQueue(1001);
    const error = failure(await adoptLabQueue(lab.ctx(), { queueId: big, confirmed: true }));
    expect(error.message).toMatch(/holds 1001 requests; the lab shows every request/);
    const grown = plainQueue(1000);
    must(await adoptLabQueue(lab.ctx(), { queueId: grown, confirmed: true }));
    expect(must(await getLabView(lab.ctx(), { queueId: grown })).requests).toHaveLength(1000);
    lab.store.addRequest(grown, { url: 'https://shop.test/one-more', uniqueKey: 'one-more' });
    expect(failure(await getLabView(lab.ctx(), { queueId: grown })).message).toMatch(/holds 1001 requests/);
  });
});

describe('getLabView', () => {
  it('maps each request: label, latest error (first line), lock and holder', async () => {
    const created = must(await createLabQueue(lab.ctx(), { requests: 4, forefront: 0, handled: 0 }));
    const laneB = created.lanes[1]?.clientKey;
    const locked = must(
      await runLabStep(lab.ctx(), { queueId: created.queueId, lane: 'B', op: 'lock', lockSecs: 60, limit: 1 }),
    );
    const r1 = locked.outcome?.op === 'lock' ? locked.outcome.items[0]?.id : undefined;
    must(
      await runLabStep(lab.ctx(), {
        queueId: created.queueId,
        lane: 'B',
        op: 'fail',
        requestId: r1 as string,
        errorMessage: 'Timeout after 30 s\n    at handler (main.js:3)',
      }),
    );
    must(await runLabStep(lab.ctx(), { queueId: created.queueId, lane: 'B', op: 'lock', lockSecs: 60, limit: 1 }));
    const view = must(await getLabView(lab.ctx(), { queueId: created.queueId }));
    expect(view.requests.find((request) => request.label === 'r1')).toMatchObject({
      retryCount: 1,
      lastError: 'Timeout after 30 s',
      lockExpiresAt: null,
    });
    expect(view.requests.find((request) => request.label === 'r2')).toMatchObject({
      lockByClient: laneB,
      lockExpiresAt: expect.any(String),
      lastError: null,
    });
    expect(view.headIds).not.toContain(view.requests.find((request) => request.label === 'r2')?.id);
    expect(Date.parse(view.serverNow)).toBeLessThanOrEqual(Date.now());
  });

  it('refuses a queue that is not a lab queue, calling nothing', async () => {
    const id = plainQueue(2);
    lab.seen.length = 0;
    const error = failure(await getLabView(lab.ctx(), { queueId: id }));
    expect(error).toMatchObject({
      code: 'needs-acknowledgement',
      message: 'This queue is not a lab queue: create one with New lab queue, or confirm using this one',
    });
    expect(lab.seen).toEqual([]);
  });

  it('labels by the last path segment of 1–24 characters, else by ID', () => {
    expect(labelOf('https://example.com/lab/r7', 'ID1')).toBe('r7');
    expect(labelOf('https://example.com/', 'ID1')).toBe('ID1');
    expect(labelOf(`https://example.com/${'x'.repeat(25)}`, 'ID1')).toBe('ID1');
    expect(labelOf('not a url', 'ID1')).toBe('ID1');
  });
});

describe('the lab keeps no secret', () => {
  it('holds no token in its step results or in its registry file', async () => {
    const created: LabQueue = must(await createLabQueue(lab.ctx(), { requests: 3, forefront: 1, handled: 0 }));
    const result = await lab.asSession(() =>
      runLabStep(lab.ctx(), { queueId: created.queueId, lane: 'A', op: 'lock', lockSecs: 5, limit: 1 }),
    );
    expect(JSON.stringify(result)).not.toContain(LAB_TOKEN);
    expect(JSON.stringify(must(await getLabView(lab.ctx(), { queueId: created.queueId })))).not.toContain(LAB_TOKEN);
    expect(JSON.stringify(lab.db.prepare('SELECT * FROM lab_queues').all())).not.toContain(LAB_TOKEN);
    lab.db.pragma('wal_checkpoint(TRUNCATE)');
    for (const name of readdirSync(lab.dir)) {
      expect(readFileSync(join(lab.dir, name)).includes(LAB_TOKEN), name).toBe(false);
    }
    expect(createLabRegistry(lab.db).get({ target: 'local', account: 'alice' }, created.queueId)).toEqual(created);
  });
});
