import { describe, expect, it } from 'vitest';
import type { RequestFilter, RequestView, ScanRow } from '../inspect/types';
import { failure, must } from './action-result.test-support';
import { emulatorForThisFile } from './emulator.test-support';
import type { GatewayContext } from './gateway';
import { scanPage } from './scan';

// scanPage over the real chain: gateway → apify-client → HTTP → emulator.

const emulator = emulatorForThisFile('scan');
const { store } = emulator;
const N = 25_000;

// Seeded states, decided by the request's index.
const isHandled = (i: number) => i % 5 === 0;
const isRetried = (i: number) => i % 7 === 0;
const hasErrors = (i: number) => i % 11 === 0;
const urlOf = (i: number) => `https://big.test/${i % 3 === 0 ? 'product' : 'category'}/${i}`;
const seeded = (i: number) => ({
  ...(isHandled(i) ? { handledAt: '2026-01-01T00:00:00.000Z' } : {}),
  ...(isRetried(i) ? { retryCount: 2 } : {}),
  ...(hasErrors(i) ? { errorMessages: ['first failure', `timeout after ${i} ms\n    at handler (main.js:1)`] } : {}),
});

/** Every page of a scan, chained by the cursor. */
async function scanAll(ctx: GatewayContext, queueId: string, view: RequestView) {
  const rows: ScanRow[] = [];
  let read = 0;
  let pages = 0;
  let cursor: string | undefined;
  do {
    const page = must(await scanPage(ctx, { queueId, view, ...(cursor ? { cursor } : {}) }));
    rows.push(...page.rows);
    read += page.read;
    pages += 1;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { rows, read, pages };
}

describe('scanPage over 25,000 requests', () => {
  const indexes = Array.from({ length: N }, (_, i) => i);
  let queue: { id: string; ids: string[] };
  let locked: Set<string>;
  const setUp = () => {
    if (queue) return;
    queue = emulator.makeQueue(indexes.map(urlOf), seeded);
    const lock = store.listAndLockHead(queue.id, { lockSecs: 600, limit: 25, clientKey: 'crawler-1' });
    locked = new Set(lock.items.map((item) => item.id));
  };
  const idsWhere = (keep: (i: number) => boolean) => new Set(indexes.filter(keep).map((i) => queue.ids[i]));

  it.each<[RequestFilter, (i: number) => boolean]>([
    ['all', () => true],
    ['handled', isHandled],
    ['failed', (i) => isRetried(i) || hasErrors(i)],
    ['pending', (i) => !isHandled(i) && !locked.has(queue.ids[i] as string)],
    ['locked', (i) => locked.has(queue.ids[i] as string)],
  ])('%s: exactly the right rows, over chained pages', async (filter, expected) => {
    setUp();
    const { rows, read, pages } = await scanAll(emulator.ctx(), queue.id, { filter });
    expect(new Set(rows.map((row) => row.id))).toEqual(idsWhere(expected));
    expect(rows).toHaveLength(idsWhere(expected).size);
    if (filter === 'all' || filter === 'handled' || filter === 'failed') {
      expect(read).toBe(N);
      expect(pages).toBe(3);
    }
  });

  it('urlContains narrows any filter, case-sensitively', async () => {
    setUp();
    const failedProducts = await scanAll(emulator.ctx(), queue.id, { filter: 'failed', urlContains: '/product/' });
    const expected = idsWhere((i) => i % 3 === 0 && (isRetried(i) || hasErrors(i)));
    expect(new Set(failedProducts.rows.map((row) => row.id))).toEqual(expected);
    const none = await scanAll(emulator.ctx(), queue.id, { filter: 'all', urlContains: '/PRODUCT/' });
    expect(none.rows).toEqual([]);
  });

  it('rows carry what the table needs: error count and the first line of the last error', async () => {
    setUp();
    const { rows } = await scanAll(emulator.ctx(), queue.id, { filter: 'failed', urlContains: '/product/33' });
    expect(rows.find((row) => row.url === urlOf(33))).toEqual({
      id: queue.ids[33],
      url: urlOf(33),
      uniqueKey: urlOf(33),
      method: 'GET',
      retryCount: 0,
      handledAt: null,
      errorCount: 2,
      lastError: 'timeout after 33 ms',
      lockExpiresAt: null,
    });
  });
});

describe('scanPage and the acknowledgement rule', () => {
  const unacknowledged = (clientKey = 'dash-B') => emulator.ctx(clientKey, { acknowledges: () => false });

  it('refuses an unacknowledged, unshared queue without listing it', async () => {
    const queue = emulator.makeQueue(['https://ack.test/1']);
    const error = failure(await scanPage(unacknowledged(), { queueId: queue.id, view: { filter: 'all' } }));
    expect(error.code).toBe('needs-acknowledgement');
    expect(emulator.seen.map((call) => call.method)).toEqual(['GET']);
    expect(emulator.seen[0]?.path).toBe(`/v2/request-queues/${queue.id}`);
    expect(store.getQueue(queue.id).hadMultipleClients).toBe(false);
  });

  it('scans an already shared queue without acknowledgement', async () => {
    const queue = emulator.makeQueue(['https://ack.test/2']);
    store.listHead(queue.id, { limit: 1, clientKey: 'crawler-2' });
    const page = must(await scanPage(unacknowledged(), { queueId: queue.id, view: { filter: 'all' } }));
    expect(page).toMatchObject({ read: 1, nextCursor: null });
  });

  it('an unknown queue is not-found', async () => {
    const error = failure(await scanPage(emulator.ctx(), { queueId: 'NoSuchQueue123456', view: { filter: 'all' } }));
    expect(error.code).toBe('not-found');
  });

  it('asks the API for a full page, with its own filter where it has one', async () => {
    const queue = emulator.makeQueue(['https://ack.test/3']);
    must(await scanPage(emulator.ctx(), { queueId: queue.id, view: { filter: 'locked' } }));
    must(await scanPage(emulator.ctx(), { queueId: queue.id, view: { filter: 'handled' } }));
    const lists = emulator.seen.filter((call) => call.path.endsWith('/requests'));
    expect(lists.map((call) => [call.params.get('limit'), call.params.get('filter')])).toEqual([
      ['10000', 'locked'],
      ['10000', null],
    ]);
  });
});
