import type { EmulatorStore } from './store';

const SEED_VERSION = '1';
export const BIG_QUEUE_SIZE = 100_000;

/** A tiny deterministic generator, so every fresh database holds the same demo data. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const SECTIONS = ['laptops', 'phones', 'cameras', 'audio', 'monitors', 'tablets'];

/** The failing requests' last errors; a crawler gave up on the blocked ones (handled, retried 3×). */
const FAILURES = [
  { error: 'HTTP 503 Service Unavailable', gaveUp: false },
  { error: 'HTTP 503 Service Unavailable', gaveUp: false },
  { error: 'Navigation timed out after 60 seconds', gaveUp: false },
  { error: 'Navigation timed out after 60 seconds', gaveUp: false },
  { error: 'Error: Request blocked - received 403 status code.\n    at handler (routes.js:42:11)', gaveUp: true },
] as const;

function demoRequests() {
  const next = random(42);
  return Array.from({ length: 480 }, (_, i) => {
    const section = SECTIONS[i % SECTIONS.length];
    const url = `https://shop.example.com/${section}/item-${1000 + i}`;
    const failing = i % 16 === 5;
    const failure = FAILURES[Math.floor(i / 16) % FAILURES.length] as (typeof FAILURES)[number];
    return {
      url,
      uniqueKey: url,
      method: i % 40 === 7 ? 'POST' : 'GET',
      retryCount: failing ? (failure.gaveUp ? 3 : 1 + Math.floor(next() * 3)) : 0,
      userData: { label: i % 10 === 0 ? 'CATEGORY' : 'DETAIL', depth: 1 + (i % 3), section },
      headers: { 'User-Agent': 'HeadlockDemo/1.0', Cookie: `session=demo-${i}` },
      ...(failing ? { errorMessages: ['Navigation timed out after 60 seconds', failure.error] } : {}),
      ...((i % 4 === 0 && i < 240) || (failing && failure.gaveUp)
        ? { handledAt: new Date(Date.UTC(2026, 10, 1, 8, 0, i)).toISOString() }
        : {}),
      ...(i % 40 === 7 ? { payload: JSON.stringify({ query: section, page: 1 + (i % 5) }) } : {}),
    };
  });
}

function addInBatches(store: EmulatorStore, queue: string, requests: unknown[], forefront = false) {
  for (let i = 0; i < requests.length; i += 25) {
    store.batchAddRequests(queue, requests.slice(i, i + 25), { forefront, clientKey: 'headlock-seed' });
  }
}

/**
 * Seeds the demo queues once per database: `demo-crawl` (~500 requests, some handled, some at the
 * front, some failing), `empty`, and `big` (100,000 requests). Deleting them later is respected.
 */
export function seedDemoData(store: EmulatorStore): boolean {
  const { db } = store;
  const done = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'seed'").get();
  if (done) return false;
  db.transaction(() => {
    const demo = store.getOrCreateQueue('demo-crawl').queue.id;
    addInBatches(store, demo, demoRequests());
    const urgent = Array.from({ length: 12 }, (_, i) => {
      const url = `https://shop.example.com/deals/flash-sale-${i + 1}`;
      return { url, uniqueKey: url, userData: { label: 'DEAL', priority: 'high' } };
    });
    addInBatches(store, demo, urgent, true);
    store.getOrCreateQueue('empty');
    const big = store.getOrCreateQueue('big').queue.id;
    for (let i = 0; i < BIG_QUEUE_SIZE; i += 25) {
      const batch = Array.from({ length: Math.min(25, BIG_QUEUE_SIZE - i) }, (_, j) => {
        const url = `https://big.example.com/page/${i + j}`;
        return { url, uniqueKey: url };
      });
      store.batchAddRequests(big, batch, { clientKey: 'headlock-seed' });
    }
    db.prepare("INSERT INTO meta (key, value) VALUES ('seed', ?)").run(SEED_VERSION);
  })();
  return true;
}
