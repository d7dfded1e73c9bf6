import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test } from '@playwright/test';
import { emulatorClient, type StandaloneEmulator, startStandaloneEmulator, uniqueKeys } from '../support/emulator';
import { checkLockHistory, type LockEvent, parseLockHistory } from '../support/lock-history';
import type { LockerConfig, LockerSummary } from '../support/locker-worker';

const PORT = 8810;
const WORKERS = 8;
const REQUESTS = 3000;
const LOCK_SECS = 5;
const WORKER_BUDGET_MS = 60_000;

interface Locker {
  child: ChildProcess;
  ready: Promise<void>;
  /** The worker's exit code and the JSON summary it printed last. */
  done: Promise<{ code: number | null; summary: LockerSummary | undefined; output: string }>;
}

function spawnLocker(config: LockerConfig): Locker {
  const child = spawn(process.execPath, ['--import', 'tsx', 'e2e/support/locker-worker.ts'], {
    env: { ...process.env, LOCKER_CONFIG: JSON.stringify(config) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const lines: string[] = [];
  let signalReady: () => void = () => {};
  const ready = new Promise<void>((resolveReady) => {
    signalReady = resolveReady;
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    lines.push(line);
    output += `${line}\n`;
    if (line === 'ready') signalReady();
  });
  const done = new Promise<{ code: number | null; summary: LockerSummary | undefined; output: string }>(
    (resolveDone) => {
      child.once('close', (code) => {
        const last = lines.at(-1);
        const summary = last?.startsWith('{') ? (JSON.parse(last) as LockerSummary) : undefined;
        resolveDone({ code, summary, output });
      });
    },
  );
  return { child, ready, done };
}

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

test.describe('lock history checker (control)', () => {
  const base = { requestId: 'r1', sentAt: 0, receivedAt: 0 };
  const grant = (clientKey: string, sentAt: number, receivedAt: number, lockExpiresAt: number): LockEvent => ({
    ...base,
    clientKey,
    event: 'grant',
    sentAt,
    receivedAt,
    lockExpiresAt,
  });

  test('catches a second grant while the first lock is live', () => {
    const history = [grant('a', 1000, 1005, 6005), grant('b', 2000, 2004, 7004)];
    const report = checkLockHistory(history);
    expect(report.violations.map((v) => v.kind)).toEqual(['double-grant']);
  });

  test('catches a second grant that outlived a prolong, and a grant after handled', () => {
    const history: LockEvent[] = [
      grant('a', 1000, 1005, 6005),
      { ...base, clientKey: 'a', event: 'prolong', sentAt: 5000, receivedAt: 5002, lockExpiresAt: 10_002 },
      grant('b', 7000, 7003, 12_003),
      { ...base, clientKey: 'b', event: 'handled', sentAt: 7100, receivedAt: 7105 },
      grant('c', 8000, 8001, 13_001),
    ];
    const kinds = checkLockHistory(history).violations.map((v) => v.kind);
    expect(kinds).toContain('double-grant');
    expect(kinds).toContain('grant-after-handled');
  });

  test('accepts hand-offs after release, after expiry, to the same client, and ambiguous overlaps', () => {
    const history: LockEvent[] = [
      grant('a', 1000, 1005, 6005),
      { ...base, clientKey: 'a', event: 'release', sentAt: 1500, receivedAt: 1502 },
      // Sent before a's release was acknowledged: the release may have landed first.
      grant('b', 1501, 1503, 6503),
      grant('b', 6503, 6510, 11_510),
      // Received after b's lock expired.
      grant('c', 11_505, 11_511, 16_511),
      { ...base, clientKey: 'c', event: 'handled', sentAt: 12_000, receivedAt: 12_004 },
    ];
    const report = checkLockHistory(history);
    expect(report.violations).toEqual([]);
    expect(report.grants).toBe(4);
    expect(report.handledRequests).toBe(1);
    expect(report.handoffsAfterRelease).toBe(1);
    expect(report.handoffsAfterExpiry).toBe(1);
  });
});

test.describe('concurrent lockers', () => {
  test.setTimeout(120_000);

  let emulator: StandaloneEmulator | undefined;
  const lockers: Locker[] = [];

  test.afterEach(async () => {
    for (const locker of lockers) {
      if (locker.child.exitCode === null && locker.child.signalCode === null) locker.child.kill('SIGKILL');
    }
    await emulator?.stop();
  });

  test(`${WORKERS} processes drain ${REQUESTS} requests without ever sharing a live lock`, async () => {
    emulator = await startStandaloneEmulator({ port: PORT });
    let emulatorErrors = '';
    emulator.process.stderr?.on('data', (chunk) => {
      emulatorErrors += chunk;
    });
    const client = emulatorClient({ baseUrl: emulator.baseUrl, token: emulator.token });
    const queueInfo = await client.requestQueues().getOrCreate(`concurrency-${Date.now()}`);
    const queue = client.requestQueue(queueInfo.id, { clientKey: 'seeder' });
    const added = await queue.batchAddRequests(uniqueKeys(REQUESTS, 'https://example.com/c/'));
    expect(added.unprocessedRequests).toEqual([]);
    const expectedIds = new Set(added.processedRequests.map((item) => item.requestId));
    expect(expectedIds.size).toBe(REQUESTS);

    const runDir = resolve('test-results', 'concurrency', String(Date.now()));
    mkdirSync(runDir, { recursive: true });
    for (let index = 0; index < WORKERS; index += 1) {
      lockers.push(
        spawnLocker({
          baseUrl: emulator.baseUrl,
          token: emulator.token,
          queueId: queueInfo.id,
          clientKey: `locker-${index}`,
          historyFile: join(runDir, `locker-${index}.jsonl`),
          lockSecs: LOCK_SECS,
          limit: 10 + index * 2,
          seed: 1000 + index,
          budgetMs: WORKER_BUDGET_MS,
          // A few lockers walk away from one request each, so some locks must expire and move on.
          abandonNth: index < 3 ? 40 + index * 25 : 0,
        }),
      );
    }
    await withDeadline(Promise.all(lockers.map((locker) => locker.ready)), 45_000, 'locker start-up');
    const startedAt = Date.now();
    for (const locker of lockers) locker.child.stdin?.end('go\n');
    const results = await withDeadline(
      Promise.all(lockers.map((locker) => locker.done)),
      WORKER_BUDGET_MS + 10_000,
      'lockers',
    );
    const drainMs = Date.now() - startedAt;

    for (const result of results) {
      expect(result.code, result.output).toBe(0);
      expect(result.summary?.errors, result.output).toEqual([]);
    }
    const summaries = results.map((result) => result.summary as LockerSummary);
    const history = lockers.flatMap((_, index) =>
      parseLockHistory(readFileSync(join(runDir, `locker-${index}.jsonl`), 'utf8')),
    );
    const report = checkLockHistory(history);
    const total = (key: 'grants' | 'handled' | 'released' | 'prolonged' | 'lostLocks') =>
      summaries.reduce((sum, summary) => sum + summary[key], 0);
    console.log(
      `drained ${REQUESTS} in ${drainMs} ms; grants ${report.grants}, prolongs ${total('prolonged')}, ` +
        `releases ${total('released')}, lost locks ${total('lostLocks')}, handoffs after release ` +
        `${report.handoffsAfterRelease} / after expiry ${report.handoffsAfterExpiry}; per locker handled ` +
        summaries.map((summary) => summary.handled).join(','),
    );

    expect(report.violations.slice(0, 10)).toEqual([]);
    expect(report.grants).toBe(total('grants'));

    // Every request handled exactly once, and only the requests that were added.
    const handled = history.filter((event) => event.event === 'handled').map((event) => event.requestId);
    expect(handled.length).toBe(REQUESTS);
    expect(new Set(handled)).toEqual(expectedIds);

    // The lockers really ran side by side, and the expiry path was exercised.
    for (const summary of summaries) expect(summary.handled, summary.clientKey).toBeGreaterThan(REQUESTS / 100);
    const abandoned = summaries.flatMap((summary) => summary.abandoned);
    expect(abandoned.length).toBe(3);
    expect(report.handoffsAfterRelease).toBeGreaterThan(0);
    for (const requestId of abandoned) {
      const grants = history.filter((event) => event.requestId === requestId && event.event === 'grant');
      expect(grants.length, requestId).toBeGreaterThanOrEqual(2);
      const [first, second] = [...grants].sort((x, y) => x.receivedAt - y.receivedAt);
      expect(second?.receivedAt, requestId).toBeGreaterThanOrEqual((first?.lockExpiresAt ?? 0) - 25);
    }

    const info = await queue.get();
    expect(info).toMatchObject({ totalRequestCount: REQUESTS, handledRequestCount: REQUESTS, pendingRequestCount: 0 });
    expect((await queue.listHead({ limit: 10 })).items).toEqual([]);
    expect((await queue.listRequests({ filter: ['locked'], limit: 100 })).items).toEqual([]);
    const finalLock = await queue.listAndLockHead({ lockSecs: 1, limit: 1 });
    expect(finalLock).toMatchObject({ items: [], queueHasLockedRequests: false });
    expect(emulatorErrors).not.toMatch(/unexpected error|failed to answer|SQLITE/i);
  });
});
