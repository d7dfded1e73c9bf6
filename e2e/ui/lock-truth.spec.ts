import { expect, type Page, test } from '@playwright/test';
import {
  api,
  connectedPage,
  headIds,
  headRows,
  lockHead,
  lockRow,
  lockRows,
  openQueue,
  pausePolling,
  seededQueue,
} from '../support/ui';

// Lock rows that tell the truth: counts that match the rows, what happened to a lock that ended,
// where its request landed, and why.

const endedRow = (page: Page, id: string) => page.locator(`[data-testid="ended-lock-row"][data-request-id="${id}"]`);
const lockedNowBadge = (page: Page) => page.getByRole('heading', { name: /^Locked now/ });

/** A queue of `count` requests added in batches (order kept), for heads longer than the page shows. */
async function longQueue(label: string, count: number, clientKey: string) {
  const { queue, rq } = await seededQueue(label, 0, clientKey);
  const urls = Array.from({ length: count }, (_, i) => `https://example.com/${label}/item-${i}`);
  for (let i = 0; i < count; i += 25) {
    await rq.batchAddRequests(
      urls.slice(i, i + 25).map((url) => ({ url, uniqueKey: url })),
      { maxParallel: 1 },
    );
  }
  const ids = (await rq.listHead({ limit: 1000 })).items.map((item) => item.id);
  return { queue, rq, ids };
}

test('the lock call’s answer is dated, and the Locked now count always matches its rows', async ({ browser }) => {
  const { context, page, clientKey } = await connectedPage(browser);
  const { queue, ids } = await seededQueue('ui-counts', 8, clientKey);
  await openQueue(page, queue.id);
  await lockHead(page, 2, 3);
  await expect(page.getByTestId('lock-result')).toContainText('Answer of the head/lock call at');
  await expect(page.getByTestId('lock-result')).toContainText('locked 3');
  await lockHead(page, 300, 2);
  await expect(lockRows(page)).toHaveCount(5);

  // After the 2 s locks expire: 2 held rows under a badge of 2, and 3 rows saying where they went.
  await expect(lockedNowBadge(page)).toHaveText('Locked now 2', { timeout: 10_000 });
  await expect(lockRows(page)).toHaveCount(2);
  for (const id of ids.slice(0, 3)) {
    await expect(endedRow(page, id).getByTestId('lock-outcome')).toHaveText(/^Expired: back in the head at #\d of 6$/);
  }
  await expect(page.getByRole('heading', { name: /^Just ended/ })).toHaveText('Just ended 3');
  // The earlier call's answer is still that call's answer, not the queue's state.
  await expect(page.getByTestId('lock-result')).toContainText('not updated since');
  await page.getByRole('button', { name: 'Dismiss the lock call’s answer' }).click();
  await expect(page.getByTestId('lock-result')).toHaveCount(0);
  await context.close();
});

test('an expired lock taken at once by another client says so', async ({ browser }) => {
  const { context, page, clientKey } = await connectedPage(browser);
  const { queue, ids } = await seededQueue('ui-retaken', 1, clientKey);
  const [only] = ids as [string];
  await openQueue(page, queue.id);
  await lockHead(page, 3, 1);
  await expect(lockRows(page)).toHaveCount(1);
  await pausePolling(page);
  const bob = api.requestQueue(queue.id, { clientKey: 'bob' });
  await expect.poll(async () => (await bob.listAndLockHead({ lockSecs: 300, limit: 1 })).items.length).toBe(1);

  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(endedRow(page, only).getByTestId('lock-outcome')).toHaveText('Expired: then taken by bob');
  await expect(lockRow(page, only)).toContainText('bob');
  await context.close();
});

test('after unlock, To front and expiry, the page shows where each request landed and why', async ({ browser }) => {
  const { context, page, clientKey } = await connectedPage(browser);
  const { queue, ids } = await longQueue('ui-landing', 150, clientKey);
  const [first, second] = ids as [string, string];
  await openQueue(page, queue.id);
  await lockHead(page, 300, 2);
  await expect(lockRows(page)).toHaveCount(2);

  // Unlock sends the request to the end, behind the 100 shown: the page finds it at #149 of 149.
  await page.getByRole('button', { name: `Unlock: ${first}`, exact: true }).click();
  await expect(endedRow(page, first).getByTestId('lock-outcome')).toHaveText(
    'Unlocked by you, to the end: back in the head at #149 of 149',
  );
  await expect(endedRow(page, first)).toContainText('Unlock without forefront puts a request after every waiting one.');

  // To front: #1, and marked in the head.
  await page.getByRole('button', { name: `Unlock to front: ${second}`, exact: true }).click();
  await expect(endedRow(page, second).getByTestId('lock-outcome')).toHaveText(
    'Unlocked by you, to the front: back in the head at #1',
  );
  await expect(headRows(page).first()).toHaveAttribute('data-request-id', second);
  await expect(headRows(page).first()).toHaveAttribute('data-landed', 'unlocked');
  expect((await headIds(page)).length).toBe(100);
  await context.close();
});

test('Prolong offers forefront: a prolonged lock comes back at the front with it, at the end without', async ({
  browser,
}) => {
  const { context, page, clientKey } = await connectedPage(browser);
  const { queue, ids } = await seededQueue('ui-prolong-front', 5, clientKey);
  const [first, second] = ids as [string, string];
  await openQueue(page, queue.id);
  await lockHead(page, 60, 2);
  await expect(lockRows(page)).toHaveCount(2);

  await page.getByLabel('lockSecs').fill('2');
  await page.getByLabel(/Prolong with forefront/).check();
  await page.getByRole('button', { name: `Prolong lock: ${first}`, exact: true }).click();
  await expect(lockRow(page, first)).toContainText('returns to the front on expiry');
  await page.getByLabel(/Prolong with forefront/).uncheck();
  await page.getByRole('button', { name: `Prolong lock: ${second}`, exact: true }).click();
  await expect(lockRow(page, second)).toContainText('returns to the end on expiry');

  const outcome = (id: string) => endedRow(page, id).getByTestId('lock-outcome');
  // `first` may land while `second` is still locked (then 4 are waiting).
  await expect(outcome(first)).toHaveText(/^Expired: back in the head at #1 of [45]$/, { timeout: 10_000 });
  await expect(outcome(second)).toHaveText('Expired: back in the head at #5 of 5');
  await expect(endedRow(page, first)).toContainText('Prolonged with forefront, so it came back at the front.');
  await expect(endedRow(page, second)).toContainText('Prolonged without forefront, so it came back at the end.');
  await context.close();
});

test('changing the head size keeps the page and the lock panel as they were while the new head loads', async ({
  browser,
}) => {
  const { context, page, clientKey } = await connectedPage(browser);
  const { queue } = await longQueue('ui-head-size', 120, clientKey);
  await openQueue(page, queue.id);
  await expect(headRows(page)).toHaveCount(100);
  await page.getByLabel('lockSecs').fill('77');
  await page.getByLabel(/Prolong with forefront/).check();
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.assign(window, { __skeletons: seen });
    new MutationObserver(() => {
      for (const node of document.querySelectorAll('[role="status"][aria-label^="Loading"]')) {
        seen.push(node.getAttribute('aria-label') ?? '');
      }
    }).observe(document.body, { childList: true, subtree: true });
  });

  await page.getByLabel('First').selectOption('250');
  await expect(headRows(page)).toHaveCount(120);
  await page.getByLabel('First').selectOption('25');
  await expect(headRows(page)).toHaveCount(25);
  expect(await page.evaluate(() => (window as unknown as { __skeletons: string[] }).__skeletons)).toEqual([]);
  await expect(page.getByLabel('lockSecs')).toHaveValue('77');
  await expect(page.getByLabel(/Prolong with forefront/)).toBeChecked();
  await context.close();
});
