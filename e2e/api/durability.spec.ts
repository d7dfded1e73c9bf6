import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import type { ApifyClient, RequestQueueClientRequestSchema } from 'apify-client';
import Database from 'better-sqlite3';
import { emulatorClient, type StandaloneEmulator, startStandaloneEmulator, uniqueKeys } from '../support/emulator';

const PORTS = { first: 8820, restarted: 8821 };
const HOLD_SECS = 10;
const HOLDER = 'holder';
const BATCH = 25;
/** Acknowledged writes the load must reach before the crash. */
const MIN_ACKED_ADDS = 750;
const MIN_ACKED_HANDLED = 150;

type StoredRequest = RequestQueueClientRequestSchema & { lockExpiresAt?: Date; lockByClient?: string };

/** Everything the server acknowledged before it died, and what was still in flight. */
interface Ledger {
  ackedAdds: Set<string>;
  /** Batches sent but never acknowledged: each must be stored entirely or not at all. */
  unackedBatches: string[][];
  ackedHandled: Set<string>;
  /** Locks the load took and acknowledged, by request id. */
  ackedLocks: Map<string, number>;
  inFlight: number;
  stopped: boolean;
}

async function listAll(client: ApifyClient, queueId: string): Promise<StoredRequest[]> {
  const items: StoredRequest[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page += 1) {
    const result = await client.requestQueue(queueId).listRequests({ limit: 10_000, ...(cursor ? { cursor } : {}) });
    items.push(...(result.items as StoredRequest[]));
    cursor = result.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('listRequests did not finish paging');
}

/** Adds new requests in batches until stopped; only processed items count as acknowledged. */
async function addLoad(client: ApifyClient, queueId: string, ledger: Ledger) {
  const queue = client.requestQueue(queueId, { clientKey: 'adder' });
  for (let batch = 0; !ledger.stopped; batch += 1) {
    const requests = uniqueKeys(BATCH, `https://example.com/d/${batch}/`);
    ledger.inFlight += 1;
    const result = await queue
      .batchAddRequests(requests, { maxUnprocessedRequestsRetries: 0 })
      .catch((error: unknown) => {
        if (!ledger.stopped) throw error;
        return undefined;
      })
      .finally(() => {
        ledger.inFlight -= 1;
      });
    for (const item of result?.processedRequests ?? []) ledger.ackedAdds.add(item.requestId);
    if (!result || result.unprocessedRequests.length > 0) {
      if (!ledger.stopped) throw new Error(`batch ${batch} left unprocessed before the crash`);
      ledger.unackedBatches.push(requests.map((request) => request.uniqueKey));
      return;
    }
  }
}

/** Locks and marks handled until stopped; a failed call (the crash) ends the loop. */
async function handleLoad(client: ApifyClient, queueId: string, ledger: Ledger) {
  const queue = client.requestQueue(queueId, { clientKey: 'handler' });
  try {
    while (!ledger.stopped) {
      ledger.inFlight += 1;
      const head = await queue.listAndLockHead({ lockSecs: 120, limit: 10 }).finally(() => {
        ledger.inFlight -= 1;
      });
      for (const item of head.items) ledger.ackedLocks.set(item.id, item.lockExpiresAt?.getTime() ?? 0);
      for (const item of head.items) {
        ledger.inFlight += 1;
        const { id, uniqueKey, url, method, retryCount } = item;
        await queue
          .updateRequest({ id, uniqueKey, url, method, retryCount, handledAt: new Date().toISOString() })
          .finally(() => {
            ledger.inFlight -= 1;
          });
        ledger.ackedHandled.add(item.id);
      }
    }
  } catch (error) {
    if (!ledger.stopped) throw error;
  }
}

async function pollUntil(condition: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((wait) => setTimeout(wait, 20));
  }
}

test.describe('durability', () => {
  test.setTimeout(90_000);
  const running: StandaloneEmulator[] = [];

  test.afterEach(async () => {
    for (const emulator of running) await emulator.stop();
  });

  test('kill -9 mid-load loses no acknowledged write and keeps live locks until they expire', async () => {
    const dir = resolve('test-results', 'durability');
    mkdirSync(dir, { recursive: true });
    const dbFile = join(dir, `emulator-${Date.now()}.sqlite`);
    const first = await startStandaloneEmulator({ port: PORTS.first, dbFile });
    running.push(first);
    const client = emulatorClient({ baseUrl: first.baseUrl, token: first.token });
    const loadQueue = await client.requestQueues().getOrCreate('durability-load');
    const lockQueue = await client.requestQueues().getOrCreate('durability-locks');
    await client.requestQueue(lockQueue.id).batchAddRequests(uniqueKeys(10, 'https://example.com/held/'));

    const ledger: Ledger = {
      ackedAdds: new Set(),
      unackedBatches: [],
      ackedHandled: new Set(),
      ackedLocks: new Map(),
      inFlight: 0,
      stopped: false,
    };
    const adders = [1, 2, 3].map(() => addLoad(client, loadQueue.id, ledger));
    const handler = handleLoad(client, loadQueue.id, ledger);
    await pollUntil(
      () => ledger.ackedAdds.size >= MIN_ACKED_ADDS && ledger.ackedHandled.size >= MIN_ACKED_HANDLED,
      30_000,
      'the load to build up',
    );

    // Locks with a known expiry, taken right before the crash.
    const held = await client.requestQueue(lockQueue.id, { clientKey: HOLDER }).listAndLockHead({
      lockSecs: HOLD_SECS,
      limit: 25,
    });
    expect(held.items).toHaveLength(10);
    const expiresAt = held.items[0]?.lockExpiresAt?.getTime() ?? 0;
    for (const item of held.items) expect(item.lockExpiresAt?.getTime()).toBe(expiresAt);

    const inFlightAtKill = ledger.inFlight;
    // Stopped in the same tick as the kill, so the loops read every failure from here on as the crash.
    ledger.stopped = true;
    await first.stop('SIGKILL');
    await Promise.all([...adders, handler]);
    expect(first.process.signalCode).toBe('SIGKILL');
    expect(inFlightAtKill, 'the crash should interrupt writes in flight').toBeGreaterThan(0);

    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }

    const restarted = await startStandaloneEmulator({ port: PORTS.restarted, dbFile });
    running.push(restarted);
    const restartedAt = Date.now();
    expect(restartedAt, 'restart finished too late to observe the held locks').toBeLessThan(expiresAt - 1000);
    const after = emulatorClient({ baseUrl: restarted.baseUrl, token: restarted.token });

    // The held locks survived: same owner and expiry, hidden from the head.
    const heldNow = await listAll(after, lockQueue.id);
    expect(heldNow).toHaveLength(10);
    for (const request of heldNow) {
      expect(request.lockByClient).toBe(HOLDER);
      expect(request.lockExpiresAt?.getTime()).toBe(expiresAt);
    }
    const other = after.requestQueue(lockQueue.id, { clientKey: 'other' });
    const firstHeld = heldNow[0]?.id as string;
    const refusal = await other.prolongRequestLock(firstHeld, { lockSecs: 60 }).then(
      () => undefined,
      (error: { statusCode?: number; type?: string }) => error,
    );
    const checkedAt = Date.now();
    if (checkedAt < expiresAt) expect(refusal).toMatchObject({ statusCode: 400, type: 'invalid-client-key' });
    if (checkedAt < expiresAt) expect((await other.listHead({ limit: 100 })).items).toEqual([]);

    // Every acknowledged write is there; unacknowledged batches are all or nothing.
    const stored = await listAll(after, loadQueue.id);
    const byId = new Map(stored.map((request) => [request.id as string, request]));
    const missing = [...ledger.ackedAdds].filter((id) => !byId.has(id));
    expect(missing).toEqual([]);
    const unhandled = [...ledger.ackedHandled].filter((id) => !byId.get(id)?.handledAt);
    expect(unhandled).toEqual([]);
    const storedKeys = new Set(stored.map((request) => request.uniqueKey));
    for (const batch of ledger.unackedBatches) {
      const present = batch.filter((key) => storedKeys.has(key)).length;
      expect([0, BATCH]).toContain(present);
    }
    // A lock the load held and had not yet handled is still held, with its acknowledged expiry.
    for (const [id, lockExpiresAt] of ledger.ackedLocks) {
      const request = byId.get(id);
      if (request?.handledAt) continue;
      expect(request?.lockByClient, id).toBe('handler');
      expect(request?.lockExpiresAt?.getTime(), id).toBe(lockExpiresAt);
    }
    const info = await after.requestQueue(loadQueue.id).get();
    expect(info?.totalRequestCount).toBe(stored.length);
    expect(info?.handledRequestCount).toBe(stored.filter((request) => request.handledAt).length);

    // The held locks come back exactly when they expire: never visible before, always visible after.
    const lockQueueAfter = after.requestQueue(lockQueue.id, { clientKey: 'watcher' });
    let visibleAt: number | undefined;
    const deadline = expiresAt + 10_000;
    while (visibleAt === undefined) {
      expect(Date.now(), 'held locks never expired').toBeLessThan(deadline);
      const sentAt = Date.now();
      const head = await lockQueueAfter.listHead({ limit: 100 });
      const receivedAt = Date.now();
      if (head.items.length > 0) {
        expect(receivedAt, 'a held request showed in the head before its lock expired').toBeGreaterThanOrEqual(
          expiresAt,
        );
        expect(head.items).toHaveLength(10);
        visibleAt = receivedAt;
      } else {
        expect(sentAt, 'the head stayed empty after the locks expired').toBeLessThan(expiresAt + 5);
        await new Promise((wait) => setTimeout(wait, Math.min(100, Math.max(5, expiresAt - Date.now()))));
      }
    }
    console.log(
      `acked adds ${ledger.ackedAdds.size}, handled ${ledger.ackedHandled.size}, in flight at kill ${inFlightAtKill}, ` +
        `unacked batches ${ledger.unackedBatches.length}, stored ${stored.length}; restart ready ` +
        `${expiresAt - restartedAt} ms before expiry; locks back ${visibleAt - expiresAt} ms after expiry`,
    );
    const retaken = await lockQueueAfter.listAndLockHead({ lockSecs: 5, limit: 25 });
    expect(retaken.items).toHaveLength(10);
  });
});
