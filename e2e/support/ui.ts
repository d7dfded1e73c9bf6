import { type Browser, expect, type Locator, type Page } from '@playwright/test';
import { emulatorClient, freshQueue } from './emulator';

// Helpers for the dashboard's browser tests: connect a page the way a user does, seed a queue
// of its own through the real apify-client, and read the queue page's head and locks.

export const api = emulatorClient();

/** Opens /connect, clicks the one-click emulator button and waits for the queue list. */
export async function connectToEmulator(page: Page) {
  await page.goto('/connect');
  await page.getByRole('button', { name: 'Use the embedded emulator' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: 'Request queues' })).toBeVisible();
  return clientKeyOf(page);
}

/** A new browser context (its own cookie jar, so its own session and clientKey), connected. */
export async function connectedPage(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const clientKey = await connectToEmulator(page);
  return { context, page, clientKey };
}

/** The page's session cookie as a `Cookie` header, to replay it outside the browser. */
export const cookieHeader = async (page: Page) =>
  (await page.context().cookies())
    .filter((cookie) => cookie.name === 'headlock_session')
    .map((cookie) => `${cookie.name}=${cookie.value}`)
    .join('; ');

export async function clientKeyOf(page: Page) {
  const key = (await page.getByTestId('session-client-key').textContent())?.trim();
  if (!key) throw new Error('no clientKey shown in the header');
  return key;
}

/**
 * A queue with `count` requests in a known order, added with `clientKey` (the session's, so that
 * reading the head from the dashboard does not flip `hadMultipleClients`).
 */
export async function seededQueue(label: string, count: number, clientKey?: string) {
  const queue = await freshQueue(api, label);
  const rq = api.requestQueue(queue.id, clientKey === undefined ? {} : { clientKey });
  const ids: string[] = [];
  const urls = Array.from({ length: count }, (_, i) => `https://example.com/${label}/item-${i}`);
  for (const url of urls) {
    // One at a time, so the queue order is exactly the order of `urls`.
    const added = await rq.addRequest({ url, uniqueKey: url });
    ids.push(added.requestId);
  }
  return { queue, rq, ids, urls };
}

/** Opens the queue page (with `query`, e.g. `every=1`); accepts registering the clientKey if the page asks first. */
export async function openQueue(page: Page, queueId: string, query = '') {
  await page.goto(`/queues/${queueId}${query ? `?${query}` : ''}`);
  const readAnyway = page.getByRole('button', { name: 'Read the head anyway' });
  const head = page.getByRole('heading', { name: 'Head', exact: true });
  await expect(readAnyway.or(head)).toBeVisible();
  if (await readAnyway.isVisible()) await readAnyway.click();
  await expect(head).toBeVisible();
}

export const headRows = (page: Page) => page.getByTestId('head-row');
export const lockRows = (page: Page) => page.getByTestId('lock-row');
export const lockRow = (page: Page, id: string) => page.locator(`[data-testid="lock-row"][data-request-id="${id}"]`);

export async function headIds(page: Page) {
  return headRows(page).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-request-id') ?? ''));
}

export async function lockIds(page: Page) {
  return lockRows(page).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-request-id') ?? ''));
}

/** Milliseconds left on one countdown, as the page renders it. */
export async function msLeft(countdown: Locator) {
  return Number(await countdown.getAttribute('data-ms-left'));
}

/** Fills the lock form and submits it. */
export async function lockHead(page: Page, lockSecs: number | string, limit: number | string) {
  await page.getByLabel('lockSecs').fill(String(lockSecs));
  await page.getByLabel('limit (1–25)').fill(String(limit));
  await page.getByRole('button', { name: 'Lock head' }).click();
}

/** Stops the page's polling and waits until no snapshot call is in flight. */
export async function pausePolling(page: Page) {
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('updated-ago')).toContainText('paused');
  await expect(page.getByTestId('updated-ago')).not.toContainText('Updating');
}

/** Records every server-action call (Next sends them as POSTs with a `next-action` header). */
export function recordActionCalls(page: Page) {
  const calls: string[] = [];
  page.on('request', (request) => {
    if (request.headers()['next-action']) calls.push(request.postData() ?? '');
  });
  return calls;
}

/** What GET request returns for a stored request; apify-client declares less. */
export interface StoredRequest {
  id: string;
  url: string;
  handledAt?: string | Date;
  lockExpiresAt?: string | Date;
  lockByClient?: string | null;
}

export async function storedRequest(queueId: string, requestId: string, clientKey: string) {
  const found = await api.requestQueue(queueId, { clientKey }).getRequest(requestId);
  if (!found) throw new Error(`request ${requestId} not found`);
  return found as unknown as StoredRequest;
}

/** `list[index]`, which must exist. */
export function nth<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`no item at ${index}`);
  return item;
}
