import { expect, test } from '@playwright/test';
import {
  api,
  clientKeyOf,
  connectedPage,
  connectToEmulator,
  headIds,
  headRows,
  lockHead,
  lockIds,
  lockRow,
  lockRows,
  msLeft,
  nth,
  openQueue,
  seededQueue,
  storedRequest,
} from '../support/ui';

// The queue page against the embedded emulator: the head in queue order, locks with live
// countdowns, and what a second client may and may not do. Each test owns its queue and context.

const sorted = (ids: string[]) => [...ids].sort();
const countdown = (page: import('@playwright/test').Page, id: string) =>
  lockRow(page, id).getByTestId('lock-seconds-left');
const seededQueueFor = (clientKey: string, label: string, count: number) => seededQueue(label, count, clientKey);
const expiresAtMs = (value: unknown) => new Date(value as string | Date).getTime();

test('connect, find demo-crawl in the queue list, and see its head in queue order', async ({ page }) => {
  const clientKey = await connectToEmulator(page);
  await page.getByRole('link', { name: 'demo-crawl', exact: true }).click();
  await expect(page).toHaveURL(/\/queues\/[A-Za-z0-9]+$/);
  const queueId = new URL(page.url()).pathname.split('/').at(-1) as string;
  await openQueue(page, queueId);
  await expect(page.getByRole('heading', { name: 'demo-crawl' })).toBeVisible();

  const rq = api.requestQueue(queueId, { clientKey });
  const flashSales = Array.from({ length: 12 }, (_, i) => `https://shop.example.com/deals/flash-sale-${12 - i}`);
  // Polled: the page refreshes every 2 s, and another test may touch the demo queue meanwhile.
  await expect
    .poll(async () => {
      const [shown, head] = await Promise.all([headIds(page), rq.listHead({ limit: 100 })]);
      return shown.join() === head.items.map((item) => item.id).join();
    })
    .toBe(true);
  const head = await rq.listHead({ limit: 100 });
  expect(head.items.slice(0, 12).map((item) => item.url)).toEqual(flashSales);
  await expect(headRows(page)).toHaveCount(100);
  await expect(headRows(page).first()).toContainText('flash-sale-12');
  await expect(headRows(page).nth(11)).toContainText('flash-sale-1');
  await expect(headRows(page).nth(12)).not.toContainText('flash-sale');
});

test('lock five, watch them count down, prolong, unlock, unlock to front and mark handled', async ({ browser }) => {
  const { context, page, clientKey } = await connectedPage(browser);
  const { queue, ids } = await seededQueueFor(clientKey, 'ui-locks', 10);
  await openQueue(page, queue.id);
  await expect.poll(() => headIds(page)).toEqual(ids);
  await expect(page.getByTestId('count-pending')).toHaveText('10');

  await lockHead(page, 30, 5);
  const locked = ids.slice(0, 5);
  const [first, second, third, fourth, fifth] = [0, 1, 2, 3, 4].map((i) => nth(locked, i)) as [
    string,
    string,
    string,
    string,
    string,
  ];
  await expect.poll(async () => sorted(await lockIds(page))).toEqual(sorted(locked));
  await expect(page.getByTestId('lock-result-has-locked')).toHaveText('true');
  await expect(page.getByTestId('flag-queueHasLockedRequests')).toContainText('true');
  await expect.poll(() => headIds(page)).toEqual(ids.slice(5));
  await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('Locked 5 requests for 30 s');

  // Five live countdowns, each below 30 s and going down.
  await expect(page.getByTestId('lock-seconds-left')).toHaveCount(5);
  const start = await Promise.all(locked.map((id) => msLeft(countdown(page, id))));
  for (const ms of start) {
    expect(ms).toBeGreaterThan(20_000);
    expect(ms).toBeLessThanOrEqual(30_000);
  }
  for (const [i, id] of locked.entries()) {
    await expect.poll(() => msLeft(countdown(page, id))).toBeLessThan(nth(start, i) - 500);
  }

  // Prolong uses the form's lockSecs: the countdown jumps from under 30 s to about 120 s.
  await page.getByLabel('lockSecs').fill('120');
  await page.getByRole('button', { name: `Prolong lock: ${first}`, exact: true }).click();
  await expect.poll(() => msLeft(countdown(page, first))).toBeGreaterThan(110_000);
  const prolonged = await storedRequest(queue.id, first, clientKey);
  expect(expiresAtMs(prolonged.lockExpiresAt) - Date.now()).toBeGreaterThan(110_000);

  // Unlock: back at the end of the head. Unlock to front: first in the head.
  await page.getByRole('button', { name: `Unlock: ${second}`, exact: true }).click();
  await expect.poll(() => headIds(page)).toEqual([...ids.slice(5), second]);
  await page.getByRole('button', { name: `Unlock to front: ${third}`, exact: true }).click();
  await expect.poll(() => headIds(page)).toEqual([third, ...ids.slice(5), second]);

  // Mark handled: one more handled, one fewer pending.
  await page.getByRole('button', { name: `Mark handled: ${fourth}`, exact: true }).click();
  await expect(page.getByTestId('count-handled')).toHaveText('1');
  await expect(page.getByTestId('count-pending')).toHaveText('9');
  await expect(page.getByTestId('count-total')).toHaveText('10');
  await expect.poll(async () => sorted(await lockIds(page))).toEqual(sorted([first, fifth]));
  expect((await storedRequest(queue.id, fourth, clientKey)).handledAt).toBeTruthy();
  await context.close();
});

test('a 2 s lock expires and its requests return to the head without a reload', async ({ browser }) => {
  const { context, page, clientKey } = await connectedPage(browser);
  const { queue, ids } = await seededQueueFor(clientKey, 'ui-expiry', 6);
  await openQueue(page, queue.id);
  await expect.poll(() => headIds(page)).toEqual(ids);
  // A marker that a reload or navigation would wipe.
  await page.evaluate(() => Object.assign(window, { __noReload: true }));

  await lockHead(page, 2, 3);
  await expect(page.getByTestId('lock-result-has-locked')).toHaveText('true');
  await expect.poll(() => headIds(page)).toEqual(ids.slice(3));

  await expect.poll(async () => sorted(await headIds(page)), { timeout: 10_000 }).toEqual(sorted(ids));
  await expect(
    page.getByTestId('lock-outcome').filter({ hasText: /^Expired: back in the head at #\d of 6$/ }),
  ).toHaveCount(3);
  await expect(lockRows(page)).toHaveCount(0);
  await expect(page.getByTestId('flag-queueHasLockedRequests')).toContainText('false');
  expect(await page.evaluate(() => (window as { __noReload?: boolean }).__noReload)).toBe(true);
  await context.close();
});

test("a second session cannot release the first one's locks, and both see hadMultipleClients", async ({ browser }) => {
  const a = await connectedPage(browser);
  const b = await connectedPage(browser);
  expect(b.clientKey).not.toBe(a.clientKey);
  const { queue, ids } = await seededQueueFor(a.clientKey, 'ui-two-clients', 6);

  await openQueue(a.page, queue.id);
  await expect(a.page.getByTestId('flag-hadMultipleClients')).toContainText('false');
  await lockHead(a.page, 300, 4);
  await expect(lockRows(a.page)).toHaveCount(4);
  const stored = (id: string) => storedRequest(queue.id, id, a.clientKey);
  const before = new Map(await Promise.all(ids.slice(0, 4).map(async (id) => [id, await stored(id)] as const)));

  // B's first head read registers a second clientKey.
  await openQueue(b.page, queue.id);
  await expect(b.page.getByTestId('flag-hadMultipleClients')).toContainText('true');
  await expect(lockRows(b.page)).toHaveCount(4);
  await expect(lockRow(b.page, nth(ids, 0)).getByRole('code').first()).toHaveText(a.clientKey);

  // B cannot change A's locks: the commands are disabled, with the reason and the way that works.
  const commands = ['Prolong lock', 'Unlock', 'Unlock to front', 'Mark handled'] as const;
  for (const [i, command] of commands.entries()) {
    const id = nth(ids, i);
    const button = b.page.getByRole('button', { name: `${command}: ${id}`, exact: true });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription(
      new RegExp(`Held by ${a.clientKey}: only its holder can change it`),
    );
    await expect(lockRow(b.page, id).getByRole('link', { name: `Act as ${a.clientKey} on this queue` })).toBeVisible();
  }
  for (const id of ids.slice(0, 4)) {
    const after = await stored(id);
    expect(after.lockByClient).toBe(a.clientKey);
    expect(after.lockExpiresAt).toEqual(before.get(id)?.lockExpiresAt);
  }
  // The request page says the same.
  await b.page.goto(`/queues/${queue.id}/requests/${nth(ids, 0)}`);
  await expect(b.page.getByText(`Held by ${a.clientKey}: only its holder can change this request`)).toBeVisible();
  for (const name of ['Mark handled', 'Prolong 60 s', 'Unlock', 'Delete…']) {
    await expect(b.page.getByRole('button', { name, exact: true })).toBeDisabled();
  }
  await b.page.goBack();
  await expect.poll(async () => sorted(await lockIds(a.page))).toEqual(sorted(ids.slice(0, 4)));
  await expect.poll(() => headIds(b.page)).toEqual(ids.slice(4));
  await expect(a.page.getByTestId('flag-hadMultipleClients')).toContainText('true');
  expect(await clientKeyOf(a.page)).toBe(a.clientKey);
  await a.context.close();
  await b.context.close();
});

test('with the browser clock an hour ahead, countdowns still match the server', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.install({ time: Date.now() + 3_600_000 });
  const clientKey = await connectToEmulator(page);
  const skew = (await page.evaluate(() => Date.now())) - Date.now();
  expect(skew).toBeGreaterThan(3_590_000);
  expect(skew).toBeLessThan(3_610_000);

  const { queue, ids } = await seededQueueFor(clientKey, 'ui-clock', 5);
  await openQueue(page, queue.id);
  await lockHead(page, 90, 3);
  await expect(lockRows(page)).toHaveCount(3);
  for (const id of ids.slice(0, 3)) {
    const expiresAt = expiresAtMs((await storedRequest(queue.id, id, clientKey)).lockExpiresAt);
    const left = countdown(page, id);
    await expect
      .poll(async () => {
        const shown = await msLeft(left);
        return Math.abs(shown - (expiresAt - Date.now()));
      })
      .toBeLessThan(2_000);
    // Time still flows in the page: the countdown keeps going down.
    const first = await msLeft(left);
    await expect.poll(() => msLeft(left)).toBeLessThan(first - 500);
  }
  await context.close();
});
