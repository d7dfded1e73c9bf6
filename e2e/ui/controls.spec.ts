import { expect, test } from '@playwright/test';
import {
  connectedPage,
  headIds,
  lockHead,
  lockRows,
  openQueue,
  pausePolling,
  recordActionCalls,
  seededQueue,
} from '../support/ui';

// Form validation in the browser, keyboard shortcuts and read-only mode on the queue page.

const invalidLocks = [
  { name: 'limit 26', lockSecs: '30', limit: '26', field: 'limit (1–25)', message: /at most 25/ },
  { name: 'limit 0', lockSecs: '30', limit: '0', field: 'limit (1–25)', message: /at least 1/ },
  { name: 'limit 2.5', lockSecs: '30', limit: '2.5', field: 'limit (1–25)', message: /whole number/ },
  { name: 'lockSecs 0', lockSecs: '0', limit: '5', field: 'lockSecs', message: /greater than 0/ },
  { name: 'lockSecs -5', lockSecs: '-5', limit: '5', field: 'lockSecs', message: /greater than 0/ },
  { name: 'lockSecs not a number', lockSecs: 'soon', limit: '5', field: 'lockSecs', message: /number of seconds/ },
  { name: 'lockSecs over a day', lockSecs: '86401', limit: '5', field: 'lockSecs', message: /at most 86400/ },
];

const invalidClientKeys = [
  { name: '33 characters', value: 'k'.repeat(33), message: /at most 32 characters/ },
  { name: 'a space and a slash', value: 'my key/1', message: /only letters, digits/ },
];

test('invalid lock form input and clientKey show field errors and make no server call', async ({ browser }) => {
  const { context, page, clientKey } = await connectedPage(browser);
  const { queue, ids } = await seededQueue('ui-invalid', 6, clientKey);
  await openQueue(page, queue.id);
  await expect.poll(() => headIds(page)).toEqual(ids);
  await pausePolling(page);
  const calls = recordActionCalls(page);

  for (const bad of invalidLocks) {
    await lockHead(page, bad.lockSecs, bad.limit);
    const field = page.getByLabel(bad.field);
    await expect(field, bad.name).toHaveAttribute('aria-invalid', 'true');
    await expect(field, bad.name).toHaveAccessibleDescription(bad.message);
  }
  await expect(lockRows(page)).toHaveCount(0);

  await page.getByRole('button', { name: 'Change clientKey' }).click();
  for (const bad of invalidClientKeys) {
    const input = page.getByLabel('New clientKey');
    await input.fill(bad.value);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert').filter({ hasText: bad.message }), bad.name).toBeVisible();
    await expect(input, bad.name).toHaveAttribute('aria-invalid', 'true');
    await expect(input, bad.name).toHaveAccessibleDescription(bad.message);
  }
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('session-client-key')).toHaveText(clientKey);
  expect(calls).toEqual([]);

  // The recorder does see calls: a valid submit makes one and clears the errors.
  await lockHead(page, 30, 2);
  await expect(lockRows(page)).toHaveCount(2);
  await expect(page.getByLabel('limit (1–25)')).not.toHaveAttribute('aria-invalid', 'true');
  expect(calls.length).toBeGreaterThan(0);
  await context.close();
});

test('keyboard shortcuts: r refreshes, l locks, ? opens the help', async ({ browser }) => {
  const { context, page, clientKey } = await connectedPage(browser);
  const { queue, ids } = await seededQueue('ui-keys', 8, clientKey);
  await openQueue(page, queue.id);
  await expect.poll(() => headIds(page)).toEqual(ids);
  await pausePolling(page);

  const refreshed = page.waitForRequest((request) => Boolean(request.headers()['next-action']), { timeout: 5_000 });
  await page.keyboard.press('r');
  await refreshed;

  // The form's defaults: lockSecs 60, limit 5.
  await page.keyboard.press('l');
  await expect(lockRows(page)).toHaveCount(5);
  await expect(page.getByTestId('lock-result')).toContainText('locked 5');

  // Keys typed into a field stay in the field.
  await page.getByLabel('limit (1–25)').press('l');
  await expect(lockRows(page)).toHaveCount(5);

  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await page.getByRole('heading', { name: 'Head', exact: true }).click();
  await page.keyboard.press('?');
  await expect(help).toBeVisible();
  await expect(help).toContainText('hadMultipleClients');
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toBeHidden();
  await page.keyboard.press('?');
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await context.close();
});

test('read-only mode: Disarm disables every write and says why', async ({ browser }) => {
  const { context, page, clientKey } = await connectedPage(browser);
  const { queue, ids } = await seededQueue('ui-read-only', 6, clientKey);
  await openQueue(page, queue.id);
  await lockHead(page, 300, 2);
  await expect(lockRows(page)).toHaveCount(2);

  await page.getByRole('button', { name: 'Disarm' }).click();
  await expect(page.getByRole('banner').getByText('Read-only', { exact: true })).toBeVisible();
  // The lock form says why (the ops cockpit's holders panel says it too, once it has loaded).
  await expect(
    page
      .getByRole('form', { name: 'Lock a batch' })
      .getByText('Read-only session: arm writes in the header to lock, unlock or change requests.'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Lock head' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Unlock all mine' })).toBeDisabled();
  for (const command of ['Prolong lock', 'Unlock', 'Unlock to front', 'Mark handled']) {
    await expect(page.getByRole('button', { name: `${command}: ${ids[0]}`, exact: true })).toBeDisabled();
  }
  await page.getByRole('heading', { name: 'Head', exact: true }).click();
  await page.keyboard.press('l');
  await expect(lockRows(page)).toHaveCount(2);

  await page.getByRole('button', { name: 'Add requests' }).click();
  await expect(page.getByRole('button', { name: 'Add', exact: true })).toBeDisabled();

  await page.goto(`/queues/${queue.id}/requests/${ids[0]}`);
  await expect(page.getByRole('button', { name: 'Mark handled' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeDisabled();
  await expect(page.getByText('Read-only session: arm writes in the header to change this request.')).toBeVisible();

  await page.getByRole('button', { name: 'Arm writes' }).click();
  await expect(page.getByRole('button', { name: 'Mark handled' })).toBeEnabled();
  await context.close();
});
