// One locker process for e2e/api/concurrency.spec.ts: drains a queue with the real apify-client and
// logs every acknowledged lock operation as JSON lines. Run with `node --import tsx`; it prints
// `ready`, waits for a line on stdin, works, then prints a JSON summary as its last line.
import { closeSync, openSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ApifyApiError, ApifyClient, type RequestQueueClientListItem } from 'apify-client';
import type { LockEvent } from './lock-history';

export interface LockerConfig {
  baseUrl: string;
  token: string;
  queueId: string;
  clientKey: string;
  historyFile: string;
  lockSecs: number;
  limit: number;
  seed: number;
  /** The worker gives up (exit 2) after this many ms of work. */
  budgetMs: number;
  /** Leave the Nth granted request alone (no release, no handled mark) so its lock must expire; 0 = never. */
  abandonNth: number;
}

export interface LockerSummary {
  clientKey: string;
  grants: number;
  prolonged: number;
  released: number;
  handled: number;
  abandoned: string[];
  /** Calls refused because the lock had expired by the time they arrived (allowed only near expiry). */
  lostLocks: number;
  emptyPolls: number;
  errors: string[];
}

// Small deterministic generator, so one seed replays the same choices.
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pause = (ms: number) => new Promise((resolvePause) => setTimeout(resolvePause, ms));

async function waitForGo() {
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  for await (const _ of lines) break;
  lines.close();
}

/** A refusal that means "your lock is gone": the emulator's answers for an expired or taken-over lock. */
function isLostLock(error: unknown): boolean {
  return (
    error instanceof ApifyApiError &&
    error.statusCode === 400 &&
    (error.type === 'invalid-client-key' || /not locked/.test(error.message))
  );
}

function explain(error: unknown): string {
  if (error instanceof ApifyApiError) {
    return `${error.statusCode} ${error.type ?? ''} ${error.httpMethod ?? ''} ${error.path ?? ''}: ${error.message}`;
  }
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function run(config: LockerConfig, summary: LockerSummary, log: (event: LockEvent) => void) {
  const next = random(config.seed);
  const client = new ApifyClient({ baseUrl: config.baseUrl, token: config.token, maxRetries: 0, timeoutSecs: 20 });
  const queue = client.requestQueue(config.queueId, { clientKey: config.clientKey });
  const deadline = Date.now() + config.budgetMs;
  let granted = 0;

  const timed = async <T>(call: () => Promise<T>) => {
    const sentAt = Date.now();
    const result = await call();
    return { result, sentAt, receivedAt: Date.now() };
  };
  const event = (requestId: string, kind: LockEvent['event'], sentAt: number, receivedAt: number, expiry?: Date) =>
    log({
      clientKey: config.clientKey,
      requestId,
      event: kind,
      ...(expiry ? { lockExpiresAt: expiry.getTime() } : {}),
      sentAt,
      receivedAt,
    });

  /** Runs one call on a held lock; a lost-lock refusal is tolerated only if the lock may really be gone. */
  const onLock = async (expiresAt: number, call: () => Promise<void>) => {
    const sentAt = Date.now();
    try {
      await call();
      return true;
    } catch (error) {
      if (!isLostLock(error)) throw error;
      // The server refused before our lock could have expired: that is a lock bug, not a slow worker.
      if (Date.now() < expiresAt - 25) {
        throw new Error(`lock refused ${expiresAt - sentAt} ms before its expiry: ${explain(error)}`);
      }
      summary.lostLocks += 1;
      return false;
    }
  };

  const processItem = async (item: RequestQueueClientListItem, grantExpiry: number) => {
    let expiresAt = grantExpiry;
    granted += 1;
    if (granted === config.abandonNth) {
      summary.abandoned.push(item.id);
      return;
    }
    if (next() < 0.1) {
      const prolonged = await onLock(expiresAt, async () => {
        const { result, sentAt, receivedAt } = await timed(() =>
          queue.prolongRequestLock(item.id, { lockSecs: config.lockSecs }),
        );
        event(item.id, 'prolong', sentAt, receivedAt, result.lockExpiresAt);
        expiresAt = result.lockExpiresAt.getTime();
        summary.prolonged += 1;
      });
      if (!prolonged) return;
    }
    // Simulated work, so that locks overlap in time across processes.
    if (next() < 0.2) await pause(Math.floor(next() * 4));
    if (next() < 0.08) {
      await onLock(expiresAt, async () => {
        const { sentAt, receivedAt } = await timed(() => queue.deleteRequestLock(item.id, { forefront: next() < 0.5 }));
        event(item.id, 'release', sentAt, receivedAt);
        summary.released += 1;
      });
      return;
    }
    await onLock(expiresAt, async () => {
      const handledAt = new Date().toISOString();
      const { result, sentAt, receivedAt } = await timed(() =>
        queue.updateRequest({
          id: item.id,
          uniqueKey: item.uniqueKey,
          url: item.url,
          method: item.method,
          retryCount: item.retryCount,
          handledAt,
        }),
      );
      if (result.wasAlreadyHandled) throw new Error(`${item.id} was already handled when ${config.clientKey} got it`);
      event(item.id, 'handled', sentAt, receivedAt);
      summary.handled += 1;
    });
  };

  for (;;) {
    if (Date.now() > deadline) throw new Error(`budget of ${config.budgetMs} ms used up`);
    const {
      result: head,
      sentAt,
      receivedAt,
    } = await timed(() => queue.listAndLockHead({ lockSecs: config.lockSecs, limit: config.limit }));
    if (head.clientKey !== config.clientKey) throw new Error(`head/lock echoed clientKey ${head.clientKey}`);
    for (const item of head.items) {
      if (!item.lockExpiresAt) throw new Error(`head/lock item ${item.id} has no lockExpiresAt`);
      event(item.id, 'grant', sentAt, receivedAt, item.lockExpiresAt);
    }
    summary.grants += head.items.length;
    if (head.items.length === 0) {
      if (!head.queueHasLockedRequests) return;
      summary.emptyPolls += 1;
      await pause(40 + Math.floor(next() * 40));
      continue;
    }
    for (const item of head.items) await processItem(item, (item.lockExpiresAt as Date).getTime());
  }
}

async function main() {
  const config = JSON.parse(process.env.LOCKER_CONFIG ?? '') as LockerConfig;
  const summary: LockerSummary = {
    clientKey: config.clientKey,
    grants: 0,
    prolonged: 0,
    released: 0,
    handled: 0,
    abandoned: [],
    lostLocks: 0,
    emptyPolls: 0,
    errors: [],
  };
  const file = openSync(config.historyFile, 'w');
  const log = (event: LockEvent) => writeSync(file, `${JSON.stringify(event)}\n`);
  await waitForGo();
  let exitCode = 0;
  try {
    await run(config, summary, log);
  } catch (error) {
    summary.errors.push(explain(error));
    exitCode = 1;
  } finally {
    closeSync(file);
  }
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exitCode = exitCode;
}

await main();
