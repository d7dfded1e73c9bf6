import { expect, type Page, test } from '@playwright/test';
import { E2E_PORT, E2E_TOKEN, FAKE_APIFY_TOKEN, FAKE_APIFY_URL } from '../support/env';
import { actionId, actionResult, callAction } from '../support/server-actions';
import { connectedPage, connectToEmulator, headRows, openQueue, pausePolling, seededQueue } from '../support/ui';

const BASE = `http://127.0.0.1:${E2E_PORT}`;
const GET_API_LOG = actionId(process.cwd(), 'lib/actions/api-log.ts', 'getApiLogAction');

/** Every server action the page calls, when, and what it answered. */
function recordActions(page: Page) {
  const calls: { id: string; at: number; body: Promise<string> }[] = [];
  page.on('request', (request) => {
    const id = request.headers()['next-action'];
    if (!id) return;
    const body = request
      .response()
      .then((response) => response?.text() ?? '')
      .catch(() => '');
    calls.push({ id, at: Date.now(), body });
  });
  return {
    calls,
    answers: () => Promise.all(calls.map((call) => call.body)),
  };
}

const openApiLog = async (page: Page) => {
  await page.getByRole('banner').getByRole('button', { name: 'API log' }).click();
  const drawer = page.getByRole('dialog', { name: 'API log' });
  await expect(drawer).toBeVisible();
  return drawer;
};

/** Copies one row's curl and reads it back from the clipboard. */
async function copyCurl(page: Page, name: RegExp) {
  const button = page.getByRole('dialog', { name: 'API log' }).getByRole('button', { name }).first();
  await button.click();
  await expect(button).toHaveText('Copied');
  return page.evaluate(() => navigator.clipboard.readText());
}

test('the API log lists the queue page’s calls with Copy as curl, and never the token', async ({ page, browser }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
  const actions = recordActions(page);
  const clientKey = await connectToEmulator(page);
  const { queue } = await seededQueue('api-log', 3, clientKey);
  await openQueue(page, queue.id);
  await expect(headRows(page)).toHaveCount(3);

  const drawer = await openApiLog(page);
  await expect(drawer.getByText('$APIFY_TOKEN')).toBeVisible();
  const headPath = `/v2/request-queues/${queue.id}/head`;
  const headRow = drawer.getByRole('row').filter({ hasText: headPath }).first();
  await expect(headRow).toBeVisible();
  await expect(headRow.getByRole('cell').nth(1)).toHaveText('GET');
  await expect(headRow.getByRole('cell').nth(2)).toContainText(`clientKey=${clientKey}`);
  await expect(headRow.getByRole('cell').nth(3)).toHaveText('200');
  await expect(headRow.getByRole('cell').nth(5)).toHaveText(clientKey);

  await page.screenshot({ path: 'test-results/screenshots/api-log-light.png', animations: 'disabled' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/api-log-dark.png', animations: 'disabled' });
  await page.emulateMedia({ colorScheme: 'light' });

  const curl = await copyCurl(page, new RegExp(`^Copy as curl: GET ${headPath}\\?`));
  expect(curl).toMatch(new RegExp(`^curl '${BASE}/emulator${headPath}\\?[^']*clientKey=${clientKey}'`));
  expect(curl).toContain('-H "Authorization: Bearer $APIFY_TOKEN"');

  // The drawer polls while open: the page's next snapshot polls show up in it.
  const rowsNow = await drawer.getByRole('row').count();
  await expect.poll(() => drawer.getByRole('row').count(), { timeout: 7_000 }).toBeGreaterThan(rowsNow);
  const polls = () => actions.calls.filter((call) => call.id === GET_API_LOG).length;
  expect(polls()).toBeGreaterThanOrEqual(2);

  // The token is nowhere: not in the drawer, the curl, the page, or any action's answer.
  const drawerHtml = await drawer.evaluate((element) => element.outerHTML);
  const leaks = [drawerHtml, curl, await page.content(), ...(await actions.answers())].filter((text) =>
    text.includes(E2E_TOKEN),
  );
  expect(leaks).toEqual([]);

  // Escape closes it, and the polling stops with it.
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  const pollsWhenClosed = polls();
  await page.waitForTimeout(4_500);
  expect(polls()).toBe(pollsWhenClosed);

  // Close closes it too; Clear empties it (with the page's own polling paused).
  await pausePolling(page);
  await openApiLog(page);
  await drawer.getByRole('button', { name: 'Clear' }).click();
  await expect(drawer.getByText('No calls yet.')).toBeVisible();
  await drawer.getByRole('button', { name: 'Close' }).click();
  await expect(drawer).toBeHidden();

  // Another session sees only its own calls.
  const other = await connectedPage(browser);
  const othersDrawer = await openApiLog(other.page);
  await expect(othersDrawer.getByRole('row').filter({ hasText: '/v2/request-queues?' }).first()).toBeVisible();
  await expect(othersDrawer.getByRole('row').filter({ hasText: queue.id })).toHaveCount(0);
  await other.context.close();
});

test('signed out, the API log answers unauthenticated', async () => {
  const response = await callAction(GET_API_LOG, []);
  expect(response.status).toBe(200);
  expect(actionResult(response.body)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
});

test('on the Apify target the log shows the calls to Apify, and never the Apify token', async ({ page }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
  const actions = recordActions(page);
  await page.goto(`${BASE}/connect`);
  await page.getByLabel('Apify API token').fill(FAKE_APIFY_TOKEN);
  await page.getByRole('button', { name: 'Connect to Apify' }).click();
  await page.waitForURL(`${BASE}/`);
  const clientKey = (await page.getByTestId('session-client-key').textContent())?.trim() ?? '';
  await page.getByRole('link', { name: 'demo-crawl' }).click();
  const readAnyway = page.getByRole('button', { name: 'Read the head anyway' });
  await expect(readAnyway.or(headRows(page).first())).toBeVisible();
  if (await readAnyway.isVisible()) await readAnyway.click();
  await expect(headRows(page).first()).toBeVisible();
  const queueId = page.url().match(/\/queues\/([^/?]+)/)?.[1] ?? '';

  const drawer = await openApiLog(page);
  const headPath = `/v2/request-queues/${queueId}/head`;
  const headRow = drawer.getByRole('row').filter({ hasText: headPath }).first();
  await expect(headRow.getByRole('cell').nth(3)).toHaveText('200');
  await expect(headRow.getByRole('cell').nth(5)).toHaveText(clientKey);
  // Verifying the token while connecting happened before the session existed: it is not listed.
  await expect(drawer.getByRole('row').filter({ hasText: '/v2/users/me' })).toHaveCount(0);

  const curl = await copyCurl(page, new RegExp(`^Copy as curl: GET ${headPath}\\?`));
  expect(curl).toMatch(new RegExp(`^curl '${FAKE_APIFY_URL}${headPath}\\?`));
  expect(curl).toContain('$APIFY_TOKEN');

  const drawerHtml = await drawer.evaluate((element) => element.outerHTML);
  const leaks = [drawerHtml, curl, await page.content(), ...(await actions.answers())].filter((text) =>
    text.includes(FAKE_APIFY_TOKEN),
  );
  expect(leaks).toEqual([]);
});
