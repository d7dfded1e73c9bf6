import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { inflateRawSync } from 'node:zlib';
import { expect, type Page, test } from '@playwright/test';
import Database from 'better-sqlite3';
import type { CrawleeWorkerConfig } from '../support/crawlee-worker';
import { freshQueue, uniqueKeys } from '../support/emulator';
import { E2E_EMULATOR_URL, E2E_PORT, E2E_TOKEN } from '../support/env';
import { api, clientKeyOf, connectToEmulator, openQueue } from '../support/ui';

// The ops cockpit against real crawlers: Crawlee's locking RequestQueue in child processes that the
// tests kill with SIGKILL, make throw or make hang, while the queue page watches.

/** The e2e server's data directory (playwright.config.ts): the recorder's file is in it. */
const E2E_DATA_DIR = `.data/e2e-${E2E_PORT}`;

interface Worker {
  child: ChildProcess;
  clientKey: Promise<string>;
}

const workers: Worker[] = [];
test.afterEach(() => {
  for (const worker of workers.splice(0)) worker.child.kill('SIGKILL');
});

function startWorker(queueId: string, behaviour: Partial<CrawleeWorkerConfig>): Worker {
  const config: CrawleeWorkerConfig = {
    baseUrl: E2E_EMULATOR_URL,
    token: E2E_TOKEN,
    queueId,
    handleMs: 500,
    ...behaviour,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', 'e2e/support/crawlee-worker.ts'], {
    env: { ...process.env, CRAWLEE_WORKER_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk) => {
    errors += chunk;
  });
  const clientKey = new Promise<string>((resolveKey, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => resolveKey(line.trim()));
    child.once('exit', (code) => reject(new Error(`the worker exited (${code}) before it started: ${errors}`)));
  });
  const worker = { child, clientKey };
  workers.push(worker);
  return worker;
}

async function queueOf(label: string, count: number) {
  const queue = await freshQueue(api, label);
  const added = await api.requestQueue(queue.id).batchAddRequests(uniqueKeys(count, `https://example.com/${label}/`));
  expect(added.unprocessedRequests).toEqual([]);
  return { queueId: queue.id, queueName: queue.name as string };
}

/** Who holds which locks, read over the API. */
async function locksByHolder(queueId: string) {
  const { items } = await api.requestQueue(queueId).listRequests({ filter: ['locked'], limit: 1000 });
  const byHolder = new Map<string, string[]>();
  for (const item of items) {
    const holder = String((item as { lockByClient?: string }).lockByClient);
    byHolder.set(holder, [...(byHolder.get(holder) ?? []), item.id as string].sort());
  }
  return byHolder;
}

const holderRow = (page: Page, clientKey: string) =>
  page.getByRole('table', { name: 'Lock holders' }).getByRole('row').filter({ hasText: clientKey });
const verdicts = (page: Page) => page.getByRole('region', { name: 'Verdicts' });

test('three killed crawlers show as silent holders; releasing one frees exactly its locks', async ({ page }) => {
  test.setTimeout(90_000);
  const sessionKey = await connectToEmulator(page);
  // Four crawlers lock 25 each: the whole queue is locked at once, and worked through slowly.
  const { queueId, queueName } = await queueOf('ops-killed', 100);
  const crawlers = Array.from({ length: 4 }, () => startWorker(queueId, { handleMs: 700 }));
  const keys = await Promise.all(crawlers.map((crawler) => crawler.clientKey));
  await openQueue(page, queueId, 'silentAfter=3&every=1');
  for (const key of keys) await expect(holderRow(page, key)).toBeVisible();

  for (const crawler of crawlers.slice(0, 3)) crawler.child.kill('SIGKILL');
  const [alive, ...dead] = [keys[3] as string, ...keys.slice(0, 3)];
  // silentAfter (3 s) and two polls (1 s each) later:
  for (const key of dead) await expect(holderRow(page, key)).toContainText('silent', { timeout: 5_000 });
  await expect(holderRow(page, alive)).toContainText('active');
  await expect(verdicts(page)).toContainText(/All \d+ pending requests are locked, by 4 clients/);
  // What was recorded: the sparklines, and the living crawler at work in the event log.
  const activity = page.getByRole('region', { name: 'Activity' });
  await expect(activity.getByRole('img', { name: /^Pending: \d+ now/ })).toBeVisible();
  await activity.getByText(/^Event log/).click();
  await expect(activity.getByRole('list', { name: 'Event log' })).toContainText(`${alive} handled`);

  // The queue list, in another tab, marks the stuck queue too.
  const list = await page.context().newPage();
  await list.goto(`/?q=${queueName}`);
  await expect(list.getByRole('row').filter({ hasText: queueName })).toContainText('all pending locked');
  await list.close();

  // Releasing a holder that still acts is allowed, after a warning.
  await holderRow(page, alive)
    .getByRole('button', { name: /^Release \d+ locks? of / })
    .click();
  await expect(page.getByRole('alertdialog', { name: `Release the locks of ${alive}` })).toContainText('looks active');
  await page.getByRole('button', { name: 'Cancel' }).click();
  // Read-only: every release is disabled, and the page says why.
  await page.getByRole('button', { name: 'Disarm' }).click();
  await expect(holderRow(page, dead[0] as string).getByRole('button', { name: /^Release / })).toBeDisabled();
  await expect(page.getByRole('region', { name: 'Lock holders' })).toContainText('Read-only session');
  await page.getByRole('button', { name: 'Arm writes' }).click();

  const victim = dead[0] as string;
  const before = await locksByHolder(queueId);
  const theirs = before.get(victim) ?? [];
  expect(theirs.length).toBeGreaterThan(0);
  await holderRow(page, victim)
    .getByRole('button', { name: `Release ${theirs.length} locks of ${victim}` })
    .click();
  const confirmation = page.getByRole('alertdialog', { name: `Release the locks of ${victim}` });
  await expect(confirmation).toContainText(`does not change`);
  await confirmation.getByRole('button', { name: `Release ${theirs.length} locks` }).click();
  await expect(page.getByText(`Released ${theirs.length} locks of ${victim}`)).toBeVisible();

  const after = await locksByHolder(queueId);
  expect(after.get(victim)).toBeUndefined();
  // The other dead crawlers keep exactly their locks; the living one may have taken freed requests.
  for (const key of dead.slice(1)) expect(after.get(key)).toEqual(before.get(key));
  expect(await clientKeyOf(page)).toBe(sessionKey);

  // The recorder's file, like every other, holds no token.
  const files = readdirSync(E2E_DATA_DIR).filter((name) => name.startsWith('headlock.sqlite'));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    expect(readFileSync(join(E2E_DATA_DIR, file)).includes(E2E_TOKEN), file).toBe(false);
  }
  // Samples are stored deflated: inflated, this queue's hold its locks, and no token.
  const db = new Database(join(E2E_DATA_DIR, 'headlock.sqlite'), { readonly: true });
  try {
    const details = db
      .prepare<[string], Buffer>('SELECT detail FROM queue_samples WHERE queue_id = ? AND detail IS NOT NULL')
      .pluck()
      .all(queueId)
      .map((detail) => inflateRawSync(detail).toString());
    expect(details.some((detail) => detail.includes(victim))).toBe(true);
    for (const detail of details) expect(detail).not.toContain(E2E_TOKEN);
  } finally {
    db.close();
  }
});

test("the dashboard's own locks show under its own key, marked", async ({ page }) => {
  const sessionKey = await connectToEmulator(page);
  const { queueId } = await queueOf('ops-own', 5);
  await openQueue(page, queueId, 'every=1');
  await page.getByRole('button', { name: 'Lock head' }).click();
  await expect(holderRow(page, sessionKey)).toContainText('this dashboard');
});

test('a request that always fails shows as poison, with its latest error', async ({ page }) => {
  test.setTimeout(60_000);
  await connectToEmulator(page);
  const { queueId } = await queueOf('ops-poison', 4);
  await openQueue(page, queueId, 'poisonAt=2&every=1');
  // uniqueKeys names the first URL …/0: that one always fails.
  startWorker(queueId, { handleMs: 1200, poisonMatch: '/ops-poison/0' });
  await expect(verdicts(page)).toContainText('1 request has been retried 2× or more', { timeout: 30_000 });
  await expect(verdicts(page)).toContainText('HTTP 503');
});

test('a hung request handler shows as a stall, its holder silent', async ({ page }) => {
  test.setTimeout(60_000);
  await connectToEmulator(page);
  const { queueId } = await queueOf('ops-hung', 30);
  const hung = startWorker(queueId, { handleMs: 0, hang: true });
  const key = await hung.clientKey;
  await openQueue(page, queueId, 'silentAfter=3&every=1');
  await expect(verdicts(page)).toContainText(/No request handled for \d+ s while 25 locks are held by silent/, {
    timeout: 15_000,
  });
  await expect(holderRow(page, key)).toContainText('silent');
});

test('an absurd silentAfter in the URL is a clear error', async ({ page }) => {
  await connectToEmulator(page);
  const { queueId } = await queueOf('ops-absurd', 2);
  await openQueue(page, queueId, 'silentAfter=0');
  await expect(page.getByRole('alert').filter({ hasText: 'Could not judge this queue' })).toContainText(
    'silentAfter must be at least 2 seconds',
  );
});
