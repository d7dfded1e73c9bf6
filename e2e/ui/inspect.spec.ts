import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { parseCsv } from '../../lib/inspect/csv.test-support';
import { CSV_COLUMNS, EXPORT_PAGE_SIZE } from '../../lib/inspect/types';
import { requestIdFromUniqueKey } from '../../lib/request-id';
import { emulatorClient, freshQueue } from '../support/emulator';
import { FAKE_APIFY_PORT, FAKE_APIFY_TOKEN, FAKE_APIFY_URL } from '../support/env';
import { actionId, actionResult, callAction } from '../support/server-actions';
import { api, connectToEmulator, cookieHeader, openQueue } from '../support/ui';

// Inspection at scale against the embedded emulator: find, the scan filters and the failures, bulk
// actions and export, each checked over the API with the real apify-client.

async function bigQueueId() {
  const { items } = await api.requestQueues().list({ limit: 100 });
  const big = items.find((queue) => queue.name === 'big');
  if (!big) throw new Error('the seeded big queue is missing');
  return big.id;
}

const findBox = (page: Page) => page.getByRole('search', { name: 'Find a request' });

async function find(page: Page, text: string) {
  await findBox(page).getByRole('searchbox').fill(text);
  await findBox(page).getByRole('button', { name: 'Find' }).click();
}

/** A queue with a history: 40 requests, 20 of them failed in three ways (added with `clientKey`). */
async function queueWithFailures(label: string, clientKey: string) {
  const queue = await freshQueue(api, label);
  const rq = api.requestQueue(queue.id, { clientKey });
  const url = (i: number) => `https://shop.example.com/${label}/item-${i}`;
  const requests = Array.from({ length: 40 }, (_, i) => {
    const base = { url: url(i), uniqueKey: url(i) };
    if (i < 10) return { ...base, retryCount: 1 + (i % 2), errorMessages: ['Timeout', 'HTTP 503 Service Unavailable'] };
    if (i < 16) {
      const error = 'Error: Request blocked - received 403 status code.\n    at handler (routes.js:42:11)';
      return { ...base, retryCount: 3, errorMessages: [error], handledAt: new Date().toISOString() };
    }
    if (i < 20) return { ...base, retryCount: 1 };
    return i % 2 === 0 ? { ...base, handledAt: new Date().toISOString() } : base;
  });
  // One batch at a time, so the queue order is the order of `requests`.
  const added = await rq.batchAddRequests(requests, { maxParallel: 1 });
  expect(added.unprocessedRequests).toEqual([]);
  return { queueId: queue.id, rq, url, id: (i: number) => requestIdFromUniqueKey(url(i)) };
}

async function openRequestsTab(page: Page) {
  await page.getByRole('button', { name: 'All requests' }).click();
  await expect(page.getByRole('combobox', { name: 'Show' })).toBeVisible();
}

async function showFilter(page: Page, filter: string) {
  await openRequestsTab(page);
  await page.getByRole('combobox', { name: 'Show' }).selectOption(filter);
}

const rowCount = (page: Page) => page.getByTestId('row-count');
const groups = (page: Page) => page.getByTestId('failure-group');

test('find a request in big by URL (as Crawlee normalizes it), by uniqueKey and by ID', async ({ page }) => {
  await connectToEmulator(page);
  const queueId = await bigQueueId();
  await openQueue(page, queueId);

  await find(page, ' HTTPS://BIG.example.com/page/77777/?utm_source=newsletter ');
  await expect(page).toHaveURL(
    new RegExp(`/requests/${requestIdFromUniqueKey('https://big.example.com/page/77777')}$`),
  );
  await expect(page.getByTestId('request-url')).toHaveText('https://big.example.com/page/77777');

  await openQueue(page, queueId);
  await find(page, 'https://big.example.com/page/99999');
  await expect(page.getByTestId('request-url')).toHaveText('https://big.example.com/page/99999');

  await openQueue(page, queueId);
  const id = requestIdFromUniqueKey('https://big.example.com/page/5');
  await find(page, id);
  await expect(page.getByRole('heading', { name: id })).toBeVisible();
  await expect(page.getByTestId('request-url')).toHaveText('https://big.example.com/page/5');
});

test('no match offers a URL scan; empty and 10 kB texts are refused with a clear error', async ({ page }) => {
  await connectToEmulator(page);
  const queueId = await bigQueueId();
  await openQueue(page, queueId);
  await find(page, '   ');
  await expect(findBox(page).getByRole('alert')).toContainText('type a request ID, a uniqueKey or a URL');
  await find(page, 'x'.repeat(10_000));
  await expect(findBox(page).getByRole('alert')).toContainText('at most 2,000 characters');

  await find(page, 'page/4242');
  await expect(findBox(page)).toContainText('No request has this text as its ID or uniqueKey');
  await findBox(page)
    .getByRole('button', { name: /Scan for URLs containing/ })
    .click();
  await expect(page).toHaveURL(/tab=requests/);
  await expect(page).toHaveURL(/url=page%2F4242/);
  // page/4242 and page/42420…42429: 11 of the 100,000.
  await expect(rowCount(page)).toHaveText('11 matching (exact)', { timeout: 30_000 });
  await expect(page.getByTestId('request-row')).toHaveCount(11);
});

test('the failed filter scans, counts exactly and groups the errors; sorting by retries', async ({ page }) => {
  const clientKey = await connectToEmulator(page);
  const { queueId } = await queueWithFailures('inspect-failed', clientKey);
  await openQueue(page, queueId);
  await showFilter(page, 'failed');
  await expect(rowCount(page)).toHaveText('20 failed (exact)');
  await expect(page.getByText('Scanned all 40 requests: 20 failed (exact)')).toBeVisible();
  await expect(groups(page)).toHaveCount(3);
  await expect(groups(page).getByTestId('failure-count')).toHaveText(['10', '6', '4']);
  await expect(groups(page).getByTestId('failure-error')).toHaveText([
    'HTTP 503 Service Unavailable',
    'Error: Request blocked - received 403 status code.',
    '(retried, no error message)',
  ]);
  await expect(groups(page).nth(0)).toContainText('retried 1–2×');
  await expect(groups(page).nth(1)).toContainText('retried 3×');

  const retries = page.getByRole('columnheader', { name: /Retries/ });
  await expect(retries).toHaveAttribute('aria-sort', 'none');
  await retries.getByRole('button').click();
  await expect(retries).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByTestId('request-row').first().getByRole('cell').nth(4)).toHaveText('1');
  await retries.getByRole('button').click();
  await expect(retries).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByTestId('request-row').first().getByRole('cell').nth(4)).toHaveText('3');

  await page.getByRole('combobox', { name: 'Show' }).selectOption('handled');
  // 10 of the 20 fine ones, and the 6 blocked ones.
  await expect(rowCount(page)).toHaveText('16 handled (exact)');
});

test('bulk reclaim of a failure group returns exactly those requests to pending', async ({ page }) => {
  const clientKey = await connectToEmulator(page);
  const { queueId, rq, id } = await queueWithFailures('inspect-reclaim', clientKey);
  const before = await rq.get();
  await openQueue(page, queueId);
  await showFilter(page, 'failed');
  const blocked = groups(page).filter({ hasText: 'Request blocked' });
  await blocked.getByRole('button', { name: 'Select these 6' }).click();
  await expect(page.getByTestId('selected-count')).toHaveText('6 selected');
  await page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Reclaim…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Reclaim 6 requests' });
  await expect(dialog).toContainText('6 requests go back to pending');
  await expect(dialog).toContainText('As last read: 6 handled');
  await page.getByRole('region', { name: 'All requests' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/inspect-reclaim.png', animations: 'disabled' });
  await dialog.getByRole('button', { name: 'Reclaim 6' }).click();
  await expect(page.getByTestId('bulk-summary')).toHaveText('Reclaim finished: 6 done, 0 unchanged, 0 failed.');

  const { items } = await rq.listRequests({ limit: 100 });
  const reclaimed = items.filter((item) => [10, 11, 12, 13, 14, 15].some((i) => item.id === id(i)));
  expect(reclaimed.map((item) => item.handledAt ?? null)).toEqual(Array(6).fill(null));
  const after = await rq.get();
  expect(after?.handledRequestCount).toBe((before?.handledRequestCount ?? 0) - 6);
  expect(after?.pendingRequestCount).toBe((before?.pendingRequestCount ?? 0) + 6);
  // The others are as they were: the still-handled ones are the 10 fine ones.
  expect(items.filter((item) => item.handledAt).length).toBe(10);
  await expect(page.getByText('The queue was changed from this page after the scan')).toBeVisible();
});

test('bulk delete of a shift-click selection; requests another client holds are left alone', async ({ page }) => {
  const clientKey = await connectToEmulator(page);
  const { queueId, rq, id } = await queueWithFailures('inspect-delete', clientKey);
  // Another crawler locks the head's first two requests (0 and 1: pending, failed once).
  const other = api.requestQueue(queueId, { clientKey: 'other-crawler' });
  const locked = await other.listAndLockHead({ lockSecs: 300, limit: 2 });
  expect(locked.items.map((item) => item.id)).toEqual([id(0), id(1)]);
  await openQueue(page, queueId);
  await openRequestsTab(page);
  // The list is in ID order: select five rows from request 0's on, by a click and a shift-click.
  await expect(page.getByTestId('request-row')).toHaveCount(40);
  const shown = await page
    .getByTestId('request-row')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-request-id') ?? ''));
  const start = Math.min(shown.indexOf(id(0)), shown.length - 5);
  const range = shown.slice(start, start + 5);
  const held = range.filter((requestId) => requestId === id(0) || requestId === id(1));
  await page.getByRole('checkbox', { name: `Select ${range[0]}` }).click();
  await page.getByRole('checkbox', { name: `Select ${range[4]}` }).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selected-count')).toHaveText('5 selected');
  await page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('alertdialog', { name: 'Delete 5 requests' }).getByRole('button', { name: 'Delete 5' }).click();
  await expect(page.getByTestId('bulk-summary')).toHaveText(
    `Delete finished: ${5 - held.length} done, 0 unchanged, ${held.length} failed.`,
  );
  await expect(page.getByTestId('bulk-outcome').filter({ hasText: id(0) })).toContainText(
    'Locked by client other-crawler',
  );

  const { items } = await rq.listRequests({ limit: 100 });
  const left = new Set(items.map((item) => item.id));
  expect(range.filter((requestId) => left.has(requestId)).sort()).toEqual(held.sort());
  expect(items).toHaveLength(40 - (5 - held.length));
  const stillLocked = await rq.listRequests({ filter: ['locked'], limit: 10 });
  expect(stillLocked.items.map((item) => item.id).sort()).toEqual([id(0), id(1)].sort());
});

/** Exports the current view in `format` and returns the downloaded file's text. */
async function exportAs(page: Page, format: 'NDJSON' | 'CSV' | 'JSON') {
  await page.getByLabel('Export as').selectOption({ label: format });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const file = await (await download).path();
  return readFileSync(file, 'utf8');
}

test('exports as NDJSON, CSV and JSON hold exactly the queue’s rows and parse back; formulas are escaped', async ({
  page,
}) => {
  const clientKey = await connectToEmulator(page);
  const { queueId, rq } = await queueWithFailures('inspect-export', clientKey);
  const formula = '=HYPERLINK("https://evil.example/steal","click me")';
  await rq.addRequest({ url: formula, uniqueKey: formula, userData: { note: '@SUM(1+1)' } });
  const { items } = await rq.listRequests({ limit: 100 });
  const stored = new Map(items.map((item) => [item.id as string, item]));
  await openQueue(page, queueId);
  await openRequestsTab(page);

  const ndjson = (await exportAs(page, 'NDJSON'))
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(ndjson).toHaveLength(41);
  expect(new Set(ndjson.map((row) => row.id))).toEqual(new Set(stored.keys()));
  for (const row of ndjson) expect(row).toMatchObject({ url: stored.get(row.id as string)?.url });
  await expect(page.getByText(/Exported 41 rows as NDJSON/)).toBeVisible();

  const csv = parseCsv(await exportAs(page, 'CSV'));
  expect(csv[0]).toEqual([...CSV_COLUMNS]);
  expect(csv).toHaveLength(42);
  const urlColumn = CSV_COLUMNS.indexOf('url');
  const idColumn = CSV_COLUMNS.indexOf('id');
  expect(new Set(csv.slice(1).map((row) => row[idColumn]))).toEqual(new Set(stored.keys()));
  const evil = csv.find((row) => row[urlColumn]?.includes('HYPERLINK'));
  expect(evil?.[urlColumn]).toBe(`'${formula}`);
  expect(csv.every((row) => !/^[=+\-@]/.test(row[urlColumn] ?? ''))).toBe(true);

  const json = JSON.parse(await exportAs(page, 'JSON')) as { id: string }[];
  expect(json.map((row) => row.id).sort()).toEqual([...stored.keys()].sort());
});

test('the export route refuses an unknown queue, a bad format and a request without its header', async ({ page }) => {
  await connectToEmulator(page);
  const headers = { 'x-headlock-export': '1' };
  const unknown = await page.request.get('/queues/NoSuchQueue12345678/export?format=ndjson', { headers });
  expect(unknown.status()).toBe(404);
  expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain('does not exist');
  const queueId = await bigQueueId();
  const badFormat = await page.request.get(`/queues/${queueId}/export?format=xlsx`, { headers });
  expect(badFormat.status()).toBe(400);
  const noHeader = await page.request.get(`/queues/${queueId}/export?format=ndjson`);
  expect(noHeader.status()).toBe(403);
});

const GET_API_LOG = actionId(process.cwd(), 'lib/actions/api-log.ts', 'getApiLogAction');

/** When each export page (a `listRequests` call of EXPORT_PAGE_SIZE) of the queue was sent, per the session's API log. */
async function exportPagesSent(page: Page, queueId: string) {
  const response = await callAction(GET_API_LOG, [], { cookie: await cookieHeader(page) });
  const log = actionResult(response.body) as { ok: true; data: { entries: { path: string; at: string }[] } };
  return log.data.entries
    .filter((entry) => entry.path.startsWith(`/v2/request-queues/${queueId}/requests?`))
    .filter((entry) => new URLSearchParams(entry.path.split('?')[1]).get('limit') === String(EXPORT_PAGE_SIZE))
    .map((entry) => Date.parse(entry.at));
}

test('cancelling an export stops its paging: no list call after it in the server’s API log', async ({ page }) => {
  test.setTimeout(90_000);
  await connectToEmulator(page);
  const queueId = await bigQueueId();
  await openQueue(page, queueId);
  await openRequestsTab(page);
  // A slow network, so the export is still running when it is cancelled.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: 400_000,
    uploadThroughput: -1,
  });
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(page.getByText(/[1-9][\d,]* rows of up to 100,000/)).toBeVisible({ timeout: 20_000 });
  const cancelledAt = Date.now();
  await page.getByRole('button', { name: 'Cancel export' }).click();
  await expect(page.getByText('Export cancelled.')).toBeVisible();
  await page.waitForTimeout(5_000);
  const sent = await exportPagesSent(page, queueId);
  expect(sent.length).toBeGreaterThan(0);
  // It stopped before the end (the last page), and sent no call after the cancel (a call already on its
  // way may still come back).
  expect(sent.length).toBeLessThan(100_000 / EXPORT_PAGE_SIZE);
  expect(sent.filter((at) => at > cancelledAt + 500)).toEqual([]);
});

test('on Apify, read-only bulk actions say why; cancelling a scan stops its calls, also while it backs off after 429s', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const apify = emulatorClient({ baseUrl: `http://127.0.0.1:${FAKE_APIFY_PORT + 1}`, token: FAKE_APIFY_TOKEN });
  const queue = await freshQueue(apify, 'inspect-scan-cancel');
  // Two clients already: reading its requests flips nothing, so no acknowledgement is asked.
  await apify
    .requestQueue(queue.id, { clientKey: 'crawler-1' })
    .addRequest({ url: 'https://a.example/1', uniqueKey: 'a1' });
  await apify
    .requestQueue(queue.id, { clientKey: 'crawler-2' })
    .addRequest({ url: 'https://a.example/2', uniqueKey: 'a2' });
  const match = `${queue.id}/requests`;
  const listCalls = async () => {
    const response = await fetch(`${FAKE_APIFY_URL}/__faults/log?match=${match}`);
    return ((await response.json()) as { seen: { path: string }[] }).seen.filter((call) =>
      call.path.endsWith('/requests'),
    ).length;
  };
  try {
    await page.goto('/connect');
    await page.getByLabel('Apify API token').fill(FAKE_APIFY_TOKEN);
    await page.getByRole('button', { name: 'Connect to Apify' }).click();
    await expect(page.getByRole('heading', { name: 'Request queues' })).toBeVisible();
    await page.goto(`/queues/${queue.id}?tab=requests`);
    await expect(page.getByTestId('request-row')).toHaveCount(2);
    // An Apify session starts read-only: the bulk actions say why they are off.
    await page.getByTestId('request-row').first().getByRole('checkbox').click();
    const bulk = page.getByRole('region', { name: 'Bulk actions' });
    await expect(bulk.getByRole('button', { name: 'Delete…' })).toBeDisabled();
    await expect(bulk).toContainText('Read-only session: arm writes in the header');
    // From now on the queue's request reads are refused with 429.
    await fetch(`${FAKE_APIFY_URL}/__faults`, {
      method: 'POST',
      body: JSON.stringify({ match, status: 429, type: 'rate-limit-exceeded', times: 1000 }),
    });
    await page.getByRole('combobox', { name: 'Show' }).selectOption('failed');
    await expect(page.getByText('rate limited (429): backing off')).toBeVisible({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Cancel scan' }).click();
    await expect(page.getByText(/Scan cancelled after 0 of 2 requests/)).toBeVisible();
    // The call in flight when it was cancelled may still finish (apify-client retries a 429 twice).
    await page.waitForTimeout(2_000);
    const atCancel = await listCalls();
    expect(atCancel).toBeGreaterThan(0);
    await page.waitForTimeout(5_000);
    expect(await listCalls()).toBe(atCancel);
  } finally {
    await fetch(`${FAKE_APIFY_URL}/__faults?match=${match}`, { method: 'DELETE' });
  }
});
