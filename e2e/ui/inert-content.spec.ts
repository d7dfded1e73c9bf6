import { expect, type Page, test } from '@playwright/test';
import { api, connectedPage, headRows, lockHead, lockRow, openQueue } from '../support/ui';

// Queue content is untrusted: a `javascript:` URL and HTML in userData or uniqueKey must render
// as plain text wherever the dashboard shows them, and nothing in them may run.

const HOSTILE_URL = 'javascript:alert(1)';
const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(2)</script>';
const KEY = '<img src=x onerror=alert(3)>';

async function expectNothingLive(page: Page) {
  await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  const scripts = await page
    .locator('script')
    .evaluateAll((nodes) =>
      nodes.filter((node) => /alert\([123]\)/.test(node.textContent ?? '')).map((node) => node.outerHTML),
    );
  expect(scripts).toEqual([]);
}

test('a javascript: URL and HTML in userData render as inert text on the queue and request pages', async ({
  browser,
}) => {
  const { context, page, clientKey } = await connectedPage(browser);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  const queue = await api.requestQueues().getOrCreate(`ui-inert-${Date.now().toString(36)}`);
  const rq = api.requestQueue(queue.id, { clientKey });
  const hostile = await rq.addRequest({
    url: HOSTILE_URL,
    uniqueKey: KEY,
    userData: { html: IMG, script: SCRIPT, nested: { label: `${SCRIPT}${IMG}` } },
    headers: { 'x-note': IMG },
  });
  const safe = await rq.addRequest({ url: 'https://example.com/safe', uniqueKey: 'https://example.com/safe' });

  // Queue page: the head table.
  await openQueue(page, queue.id);
  const hostileRow = headRows(page).and(page.locator(`[data-request-id="${hostile.requestId}"]`));
  await expect(hostileRow).toContainText(HOSTILE_URL);
  await expect(hostileRow).toContainText(`uniqueKey ${KEY}`);
  await expect(hostileRow.getByRole('link', { name: HOSTILE_URL })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'https://example.com/safe' })).toHaveAttribute(
    'href',
    'https://example.com/safe',
  );
  await expectNothingLive(page);

  // The lock table shows the URL too.
  await lockHead(page, 120, 2);
  await expect(lockRow(page, hostile.requestId)).toContainText(HOSTILE_URL);
  await expect(lockRow(page, safe.requestId)).toBeVisible();
  await expectNothingLive(page);

  // The "All requests" tab.
  await page.getByRole('button', { name: 'All requests' }).click();
  const listed = page.getByTestId('request-row').filter({ hasText: hostile.requestId });
  await expect(listed).toContainText(HOSTILE_URL);
  await expectNothingLive(page);

  // Request page: URL, uniqueKey, userData and headers, all as text.
  await page.goto(`/queues/${queue.id}/requests/${hostile.requestId}`);
  await expect(page.getByTestId('request-url')).toHaveText(HOSTILE_URL);
  await expect(page.getByTestId('request-url').locator('a')).toHaveCount(0);
  await expect(page.getByText(KEY, { exact: true })).toBeVisible();
  const userData = page.getByTestId('user-data');
  await expect(userData).toContainText(IMG);
  await expect(userData).toContainText(SCRIPT);
  expect(await userData.evaluate((node) => node.children.length)).toBe(0);
  await page.getByRole('button', { name: 'Reveal values' }).click();
  await expect(page.getByTestId('header-value')).toHaveText(IMG);
  await expectNothingLive(page);

  expect(dialogs).toEqual([]);
  await context.close();
});
