import { describe, expect, it } from 'vitest';
import { openDatabase } from './db';
import { BIG_QUEUE_SIZE, seedDemoData } from './seed';
import { EmulatorStore } from './store';

describe('seedDemoData', () => {
  it('seeds demo-crawl, empty and big once, and respects a deleted demo queue afterwards', () => {
    const store = new EmulatorStore(openDatabase(':memory:'));
    expect(seedDemoData(store)).toBe(true);
    const counts = () =>
      Object.fromEntries(
        store
          .listQueues({ offset: 0, limit: 10, desc: false, unnamed: true })
          .items.map((q) => [q.name, [q.totalRequestCount, q.handledRequestCount]]),
      );
    expect(counts()).toEqual({ 'demo-crawl': [492, 66], empty: [0, 0], big: [BIG_QUEUE_SIZE, 0] });

    const head = store.listHead('~demo-crawl', { limit: 13, clientKey: 'headlock-seed' }).items;
    expect(head.slice(0, 12).map((item) => item.url)).toEqual(
      Array.from({ length: 12 }, (_, i) => `https://shop.example.com/deals/flash-sale-${12 - i}`),
    );
    const all = store.listRequests('~demo-crawl', { limit: 1000, clientKey: 'headlock-seed' }).items;
    const lastErrors = all.flatMap((r) => (Array.isArray(r.errorMessages) ? [String(r.errorMessages.at(-1))] : []));
    const tally = (prefix: string) => lastErrors.filter((error) => error.startsWith(prefix)).length;
    expect([tally('HTTP 503'), tally('Navigation timed out'), tally('Error: Request blocked')]).toEqual([12, 12, 6]);
    const gaveUp = all.filter((r) => String(r.errorMessages ?? '').includes('blocked'));
    expect(gaveUp.every((r) => r.handledAt && r.retryCount === 3)).toBe(true);
    expect(all.some((r) => r.method === 'POST' && typeof r.payload === 'string')).toBe(true);
    expect(all.every((r) => typeof r.userData === 'object')).toBe(true);
    expect(all.filter((r) => typeof r.headers === 'object')).toHaveLength(480);

    store.deleteQueue('~demo-crawl');
    expect(seedDemoData(store)).toBe(false);
    expect(counts()).toEqual({ empty: [0, 0], big: [BIG_QUEUE_SIZE, 0] });
  });
});
