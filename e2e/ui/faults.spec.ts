import { randomBytes } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { emulatorClient } from '../support/emulator';
import { E2E_PORT, FAKE_APIFY_PORT, FAKE_APIFY_TOKEN, FAKE_APIFY_URL } from '../support/env';

// The dashboard against an "Apify" that misbehaves: the fault proxy (e2e/support/fault-proxy.ts)
// answers calls for one queue with a scripted fault and forwards everything else.
const BASE = `http://127.0.0.1:${E2E_PORT}`;
const apify = emulatorClient({ baseUrl: `http://127.0.0.1:${FAKE_APIFY_PORT + 1}`, token: FAKE_APIFY_TOKEN });

interface Seen {
  method: string;
  path: string;
  at: number;
  faulted: boolean;
}

async function fault(match: string, rule: { status?: number; type?: string; hang?: boolean; times?: number }) {
  await fetch(`${FAKE_APIFY_URL}/__faults`, { method: 'POST', body: JSON.stringify({ match, ...rule }) });
}
const clearFaults = (match: string) => fetch(`${FAKE_APIFY_URL}/__faults?match=${match}`, { method: 'DELETE' });
async function seen(match: string): Promise<Seen[]> {
  const response = await fetch(`${FAKE_APIFY_URL}/__faults/log?match=${match}`);
  return ((await response.json()) as { seen: Seen[] }).seen;
}

/** A queue on the fake Apify that already had two clients, so its head is read without asking. */
async function apifyQueue(label: string) {
  const queue = await apify.requestQueues().getOrCreate(`${label}-${randomBytes(4).toString('hex')}`);
  const requests = Array.from({ length: 30 }, (_, i) => ({ url: `https://f.example.com/${i}`, uniqueKey: `f${i}` }));
  await apify.requestQueue(queue.id, { clientKey: 'crawler-a' }).batchAddRequests(requests);
  await apify.requestQueue(queue.id, { clientKey: 'crawler-b' }).listHead({ limit: 1 });
  return queue.id;
}

async function openOnApify(page: Page, queueId: string, armed = false) {
  await page.goto(`${BASE}/connect`);
  await page.getByLabel('Apify API token').fill(FAKE_APIFY_TOKEN);
  await page.getByRole('button', { name: 'Connect to Apify' }).click();
  await page.waitForURL(`${BASE}/`);
  if (armed) {
    await page.getByRole('button', { name: 'Arm writes' }).click();
    await expect(page.getByRole('banner').getByText('Writes armed')).toBeVisible();
  }
  await page.goto(`${BASE}/queues/${queueId}`);
  await expect(page.getByTestId('head-row').first()).toBeVisible();
}

test('a 429 slows the polling down instead of erroring in a loop', async ({ page }) => {
  test.setTimeout(60_000);
  const queueId = await apifyQueue('rate-limited');
  await openOnApify(page, queueId);
  await fault(queueId, { status: 429, type: 'rate-limit-exceeded' });
  try {
    await expect(page.getByTestId('updated-ago')).toContainText('polling slowed down', { timeout: 15_000 });
    // Each poll is one burst of calls (two retries inside the gateway); bursts must now be ≥ 8 s apart,
    // where the chosen interval is 2 s.
    await expect
      .poll(async () => bursts((await seen(queueId)).filter((call) => call.faulted)).length, {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(3);
    const starts = bursts((await seen(queueId)).filter((call) => call.faulted));
    for (let i = 2; i < starts.length; i += 1) {
      expect((starts[i] as number) - (starts[i - 1] as number)).toBeGreaterThanOrEqual(7_500);
    }
    await expect(page.getByRole('alert').filter({ hasText: 'rate limit' })).toHaveCount(0);
  } finally {
    await clearFaults(queueId);
  }
});

/** The start times of groups of calls less than 3 s apart. */
function bursts(calls: Seen[]): number[] {
  const starts: number[] = [];
  let last = -Infinity;
  for (const call of calls) {
    if (call.at - last > 3_000) starts.push(call.at);
    last = call.at;
  }
  return starts;
}

test('a 401 from the API ends the session and sends the user to /connect', async ({ page }) => {
  const queueId = await apifyQueue('unauthorized');
  await openOnApify(page, queueId);
  await fault(queueId, { status: 401, type: 'token-not-valid' });
  try {
    await page.waitForURL(`${BASE}/connect?reason=signed-out`, { timeout: 15_000 });
    expect((await page.context().cookies()).some((cookie) => cookie.name === 'headlock_session')).toBe(false);
  } finally {
    await clearFaults(queueId);
  }
});

test('a 500 on head/lock is reported once, not retried', async ({ page }) => {
  const queueId = await apifyQueue('failing-lock');
  await openOnApify(page, queueId, true);
  await fault(`${queueId}/head/lock`, { status: 500 });
  try {
    await page.getByRole('button', { name: 'Lock head' }).click();
    await page.getByRole('button', { name: 'Lock anyway' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'The API failed (HTTP 500)' })).toBeVisible();
    expect((await seen(`${queueId}/head/lock`)).length).toBe(1);
    await expect(page.getByTestId('head-row')).toHaveCount(30);
  } finally {
    await clearFaults(`${queueId}/head/lock`);
  }
});
