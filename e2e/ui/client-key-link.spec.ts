import { expect, test } from '@playwright/test';
import { api, clientKeyOf, connectToEmulator, lockHead, lockRows, openQueue, seededQueue } from '../support/ui';

test("a link with a crawler's clientKey lets an ops engineer release that crawler's locks", async ({ page }) => {
  const { queue, rq } = await seededQueue('crashed', 10, 'crashed-crawler');
  await rq.listAndLockHead({ lockSecs: 300, limit: 4 });
  await connectToEmulator(page);

  await page.goto(`/queues/${queue.id}?clientKey=crashed-crawler`);
  await expect(page.getByText(/This link uses clientKey/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/client-key-link.png' });
  await page.getByRole('button', { name: 'Act as crashed-crawler' }).click();
  await expect(page.getByRole('region', { name: 'Acting as another client' })).toContainText(
    'Acting as crashed-crawler on this queue',
  );
  await openQueue(page, queue.id);
  await expect(lockRows(page).filter({ hasText: 'yours' })).toHaveCount(4);

  await page.getByRole('button', { name: 'Unlock all mine' }).click();
  await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('unlockedCount: 4');
  await expect(page.getByTestId('head-row')).toHaveCount(10);
  // Acting as the crawler's own client did not make the queue look shared.
  expect((await api.requestQueue(queue.id).get())?.hadMultipleClients).toBe(false);
});

test('the URL carries the clientKey, and a lock keeps its full length after a reload', async ({ page }) => {
  const clientKey = await connectToEmulator(page);
  const { queue } = await seededQueue('reload', 5, clientKey);
  await openQueue(page, queue.id);
  await expect(page).toHaveURL(new RegExp(`clientKey=${clientKey}`));
  await lockHead(page, 100, 2);
  await expect(lockRows(page)).toHaveCount(2);
  await page.reload();
  const bar = lockRows(page).first().getByRole('progressbar', { name: 'Lock time left' });
  await expect(bar).toHaveAttribute('aria-valuemax', '100');
  await expect(page.getByText(/This link uses clientKey/)).toHaveCount(0);
  expect(await clientKeyOf(page)).toBe(clientKey);
});
