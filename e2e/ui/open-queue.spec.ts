import { expect, type Page, test } from '@playwright/test';
import { freshQueue } from '../support/emulator';
import { actionId, actionResult, callAction } from '../support/server-actions';
import { api, connectToEmulator, cookieHeader } from '../support/ui';

// The queue list's "Open a queue" form goes through the query layer like every other read: it names
// what was wrong with a reference, and a session that ended elsewhere sends the user to /connect.

async function openRef(page: Page, ref: string) {
  await page.getByLabel('Open a queue by ID or username~name').fill(ref);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
}

test('opens a queue by ~name, at its ID', async ({ page }) => {
  const queue = await freshQueue(api, 'open-by-name');
  await connectToEmulator(page);
  await openRef(page, `~${queue.name}`);
  await expect(page).toHaveURL(new RegExp(`/queues/${queue.id}(\\?|$)`));
});

test('names what is wrong with a reference', async ({ page }) => {
  await connectToEmulator(page);
  const refusal = page.locator('form').getByRole('alert');
  await openRef(page, '../x');
  await expect(refusal).toHaveText('must be a queue ID (letters and digits) or "username~name"');
  await openRef(page, '~no-such-queue-anywhere');
  await expect(refusal).toHaveText('That request queue does not exist, or this token cannot see it.');
  await expect(page).toHaveURL(/\/$/);
});

test('a session ended elsewhere sends the user to /connect', async ({ page }) => {
  const queue = await freshQueue(api, 'open-signed-out');
  await connectToEmulator(page);
  // The list reads its queues' health marks once it has loaded; any poll that finds the session ended
  // also leads to /connect. Let those settle, so that it is opening a queue that finds out here.
  await page.waitForLoadState('networkidle');
  const cookie = await cookieHeader(page);
  const disconnect = actionId(process.cwd(), 'lib/actions/session.ts', 'disconnectAction');
  const ended = await callAction(disconnect, [], { cookie });
  expect(actionResult(ended.body)).toMatchObject({ ok: true });

  await openRef(page, queue.id);
  await page.waitForURL(/\/connect\?reason=signed-out$/);
});
