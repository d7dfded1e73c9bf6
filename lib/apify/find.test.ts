import { describe, expect, it } from 'vitest';
import { requestIdFromUniqueKey } from '../request-id';
import { failure, must } from './action-result.test-support';
import { emulatorForThisFile } from './emulator.test-support';
import { findRequest } from './find';

// findRequest over the real chain: gateway → apify-client → HTTP → emulator.

const emulator = emulatorForThisFile('find');
const { store } = emulator;
const CRAWLEE_KEY = 'https://shop.test/item?a=1&b=2';

describe('findRequest', () => {
  it('finds a request by its ID', async () => {
    const queue = emulator.makeQueue([CRAWLEE_KEY]);
    const result = must(await findRequest(emulator.ctx(), { queueId: queue.id, text: queue.ids[0] }));
    expect(result.found).toEqual({ requestId: queue.ids[0], url: CRAWLEE_KEY, matchedAs: 'request ID' });
  });

  it('finds a request by its uniqueKey, even one that is no URL', async () => {
    const queue = emulator.makeQueue(['order #42']);
    const result = must(await findRequest(emulator.ctx(), { queueId: queue.id, text: 'order #42' }));
    expect(result.found).toMatchObject({ requestId: requestIdFromUniqueKey('order #42'), matchedAs: 'uniqueKey' });
  });

  it('finds a request by its uniqueKey typed with spaces around it', async () => {
    const queue = emulator.makeQueue(['order-7']);
    const result = must(await findRequest(emulator.ctx(), { queueId: queue.id, text: '  order-7\n' }));
    expect(result.found).toMatchObject({ matchedAs: 'uniqueKey' });
  });

  it.each([
    'https://shop.test/item?b=2&a=1',
    'https://SHOP.test/item/?a=1&b=2',
    'https://shop.test/item?utm_source=news&a=1&b=2&utm_medium=mail',
    '  https://Shop.Test/item/?utm_campaign=x&b=2&a=1#reviews ',
  ])('finds a Crawlee-keyed request from %j by the normalized URL', async (text) => {
    const queue = emulator.makeQueue([CRAWLEE_KEY]);
    const result = must(await findRequest(emulator.ctx(), { queueId: queue.id, text }));
    expect(result.found).toEqual({ requestId: queue.ids[0], url: CRAWLEE_KEY, matchedAs: 'normalized URL' });
  });

  it('finds a request keyed with its fragment', async () => {
    const queue = emulator.makeQueue(['https://spa.test#/item/3']);
    const result = must(await findRequest(emulator.ctx(), { queueId: queue.id, text: 'https://SPA.test/#/item/3' }));
    expect(result.found).toMatchObject({ requestId: queue.ids[0], matchedAs: 'normalized URL' });
  });

  it('not found: lists every candidate it tried', async () => {
    const queue = emulator.makeQueue([CRAWLEE_KEY]);
    const text = 'https://shop.test/other/?utm_source=x#top';
    const result = must(await findRequest(emulator.ctx(), { queueId: queue.id, text }));
    expect(result).toEqual({
      found: null,
      tried: [
        { requestId: requestIdFromUniqueKey(text), as: 'uniqueKey' },
        { requestId: requestIdFromUniqueKey('https://shop.test/other'), as: 'normalized URL' },
        { requestId: requestIdFromUniqueKey('https://shop.test/other#top'), as: 'normalized URL' },
      ],
    });
  });

  it('an unknown queue is not-found, not "no such request"', async () => {
    const error = failure(await findRequest(emulator.ctx(), { queueId: 'NoSuchQueue123456', text: 'x' }));
    expect(error).toMatchObject({ code: 'not-found', message: expect.stringMatching(/queue does not exist/) });
  });

  it('sends no clientKey and never flips hadMultipleClients, even unacknowledged', async () => {
    const queue = emulator.makeQueue([CRAWLEE_KEY]);
    const ctx = emulator.ctx('someone-else', { acknowledges: () => false });
    must(await findRequest(ctx, { queueId: queue.id, text: 'https://shop.test/item?b=2&a=1' }));
    must(await findRequest(ctx, { queueId: queue.id, text: 'nothing' }));
    expect(emulator.seen.length).toBeGreaterThan(0);
    expect(emulator.seen.every((call) => call.method === 'GET' && !call.params.has('clientKey'))).toBe(true);
    expect(store.getQueue(queue.id).hadMultipleClients).toBe(false);
  });
});
