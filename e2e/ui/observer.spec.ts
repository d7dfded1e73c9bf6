import { expect, test } from '@playwright/test';
import {
  api,
  clientKeyOf,
  connectToEmulator,
  lockHead,
  lockRows,
  openQueue,
  seededQueue,
  storedRequest,
} from '../support/ui';

// Headlock observes a crawler's queue without disturbing it: no read registers a client before the
// user accepts it, and acting as the crawler's client stays on that crawler's queue.

const hadMultipleClients = async (queueId: string) => (await api.requestQueue(queueId).get())?.hadMultipleClients;

test('every tab and page of a single-client queue, opened without acknowledging, leaves hadMultipleClients false', async ({
  page,
}) => {
  const { queue, rq, ids } = await seededQueue('observer', 6, 'crawler-a');
  await rq.listHead({ limit: 10 });
  await rq.listAndLockHead({ lockSecs: 300, limit: 2 });
  await connectToEmulator(page);

  await page.goto(`/queues/${queue.id}`);
  await expect(page.getByRole('button', { name: 'Read the head anyway' })).toBeVisible();
  await expect(page.getByTestId('count-total')).toHaveText('6');

  await page.getByRole('button', { name: 'All requests' }).click();
  await expect(page.getByRole('button', { name: 'List the requests anyway' })).toBeVisible();
  for (const filter of ['pending', 'locked', 'all']) {
    await page.getByLabel('Show').selectOption(filter);
    await expect(page).toHaveURL(filter === 'all' ? /tab=requests(?!.*filter)/ : new RegExp(`filter=${filter}`));
    await expect(page.getByRole('button', { name: 'List the requests anyway' })).toBeVisible();
  }
  await page.getByRole('button', { name: 'Add requests' }).click();
  await expect(page.getByLabel('URLs, one per line (uniqueKey = URL)')).toBeVisible();

  await page.goto(`/queues/${queue.id}/requests/${ids[0]}`);
  await expect(page.getByRole('heading', { name: 'userData' })).toBeVisible();
  await page.goto(`/queues/${queue.id}?tab=requests&filter=locked`);
  await expect(page.getByRole('button', { name: 'List the requests anyway' })).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Request queues' })).toBeVisible();

  expect(await hadMultipleClients(queue.id)).toBe(false);

  // The acknowledgement is what allows the reads (and so the flag turns, as the notice said).
  await page.goto(`/queues/${queue.id}?tab=requests`);
  await page.getByRole('button', { name: 'List the requests anyway' }).click();
  await expect(page.getByTestId('request-row')).toHaveCount(6);
  expect(await hadMultipleClients(queue.id)).toBe(true);
});

test('acting as a crawler applies to its queue only, shows a banner, and ends on Stop or on leaving', async ({
  page,
}) => {
  const crawlerQueue = await seededQueue('acting', 6, 'crawler-a');
  await crawlerQueue.rq.listAndLockHead({ lockSecs: 300, limit: 3 });
  const ownKey = await connectToEmulator(page);
  const other = await seededQueue('acting-other', 4, ownKey);

  await page.goto(`/queues/${crawlerQueue.queue.id}?clientKey=crawler-a`);
  await page.getByRole('button', { name: 'Act as crawler-a' }).click();
  const banner = page.getByRole('region', { name: 'Acting as another client' });
  await expect(banner).toContainText('Acting as crawler-a on this queue');
  expect(await clientKeyOf(page)).toBe(ownKey);
  await openQueue(page, crawlerQueue.queue.id);
  await expect(lockRows(page).filter({ hasText: 'yours' })).toHaveCount(3);
  await expect(page).toHaveURL(/clientKey=crawler-a/);

  // Another queue, reached through the app: read and locked with the session's own key.
  await page.getByRole('link', { name: 'Headlock home' }).click();
  await page.getByLabel('Open a queue by ID or username~name').fill(other.queue.id);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await openQueue(page, other.queue.id);
  await expect(banner).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`clientKey=${ownKey}`));
  await lockHead(page, 60, 1);
  await expect(lockRows(page).filter({ hasText: 'yours' })).toHaveCount(1);
  expect((await storedRequest(other.queue.id, other.ids[0] as string, ownKey)).lockByClient).toBe(ownKey);
  expect(await hadMultipleClients(other.queue.id)).toBe(false);

  // Back on the crawler's queue, acting has ended: its locks are the crawler's again.
  await page.getByRole('link', { name: 'Headlock home' }).click();
  await page.getByLabel('Open a queue by ID or username~name').fill(crawlerQueue.queue.id);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await openQueue(page, crawlerQueue.queue.id);
  await expect(banner).toHaveCount(0);
  await expect(lockRows(page).filter({ hasText: 'crawler-a' })).toHaveCount(3);

  // Stop ends it in place.
  await page.goto(`/queues/${crawlerQueue.queue.id}?clientKey=crawler-a`);
  await page.getByRole('button', { name: 'Act as crawler-a' }).click();
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Stop' }).click();
  await expect(banner).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`clientKey=${ownKey}`));
  await expect(lockRows(page).filter({ hasText: 'crawler-a' })).toHaveCount(3);
});
