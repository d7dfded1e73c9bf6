import { expect, type Page, test } from '@playwright/test';
import { DEMOS } from '../../components/lab/demo-scripts';
import { emulatorClient, freshQueue } from '../support/emulator';
import { E2E_PORT, FAKE_APIFY_PORT, FAKE_APIFY_TOKEN, FAKE_APIFY_URL } from '../support/env';
import { actionId, actionResult, callAction } from '../support/server-actions';
import { api, connectToEmulator, cookieHeader } from '../support/ui';

// The lock lab, driven as a presenter drives it: a fresh lab queue, clients side by side, simulated
// crawlers, the guided demos, presenter mode. What the page claims is checked over the API.

const BASE = `http://127.0.0.1:${E2E_PORT}`;
const GET_API_LOG = actionId(process.cwd(), 'lib/actions/api-log.ts', 'getApiLogAction');

/** Connects, makes a lab queue from the queue list's Lock lab panel, and returns its ID. */
async function newLabQueue(page: Page, requests = 20) {
  await connectToEmulator(page);
  const panel = page.getByRole('region', { name: 'Lock lab' });
  if (requests !== 20) await panel.getByLabel('requests').fill(String(requests));
  await panel.getByRole('button', { name: 'New lab queue' }).click();
  await expect(page).toHaveURL(/\/queues\/[^/]+\/lab/);
  await expect(page.getByTestId('had-multiple-clients')).toHaveText('false');
  return decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
}

const lane = (page: Page, name: string) => page.getByRole('region', { name });
const heldBy = (page: Page, name: string) =>
  page.getByRole('list', { name: `Locks ${name} holds` }).getByRole('listitem');
const events = (page: Page) => page.getByRole('region', { name: 'Events' });
const cell = (page: Page, label: string) =>
  page.getByRole('list', { name: 'The queue in order' }).getByRole('listitem', { name: new RegExp(`^${label}:`) });
const flagOverApi = async (queueId: string) => (await api.requestQueue(queueId).get())?.hadMultipleClients;

async function setNumber(page: Page, laneName: string, label: string, value: number) {
  await lane(page, laneName).getByLabel(label, { exact: true }).fill(String(value));
}

test('a new lab queue starts unshared; Client A locking keeps it so; Client B reading shares it', async ({ page }) => {
  const queueId = await newLabQueue(page);
  expect(await flagOverApi(queueId)).toBe(false);

  await lane(page, 'Client A').getByRole('button', { name: 'Lock head' }).click();
  await expect(heldBy(page, 'Client A')).toHaveCount(2);
  // A few view reads later (each as Client A), still one client.
  await page.waitForTimeout(2_500);
  expect(await flagOverApi(queueId)).toBe(false);
  await expect(page.getByTestId('had-multiple-clients')).toHaveText('false');

  await page.getByRole('button', { name: 'Add client' }).click();
  await lane(page, 'Client B').getByRole('button', { name: 'Read head' }).click();
  await expect.poll(() => flagOverApi(queueId)).toBe(true);
  await expect(page.getByTestId('had-multiple-clients')).toHaveText('true');
  await expect(events(page)).toContainText(/hadMultipleClients is now true/);
  // B read, it took nothing: A's two locks are A's.
  await expect(heldBy(page, 'Client B')).toHaveCount(0);
  await expect(heldBy(page, 'Client A')).toHaveCount(2);
});

test('a 3 s lock expires and the head strip shows where each request lands, with a caption', async ({ page }) => {
  await newLabQueue(page);
  // r1–r3 were added at the front, r4 at the end: lock all four for 3 s.
  await setNumber(page, 'Client A', 'lockSecs', 3);
  await setNumber(page, 'Client A', 'limit', 4);
  await lane(page, 'Client A').getByRole('button', { name: 'Lock head' }).click();
  await expect(cell(page, 'r1')).toHaveAttribute('aria-label', /locked by Client A, returns to the front/);
  await expect(cell(page, 'r4')).toHaveAttribute('aria-label', /locked by Client A, returns to the end/);

  await expect(cell(page, 'r1')).toHaveAttribute('aria-label', 'r1: pending, #1 of the head', { timeout: 8_000 });
  await expect(cell(page, 'r4')).toHaveAttribute('aria-label', 'r4: pending, #18 of the head');
  await expect(events(page)).toContainText(/r1 expired.*front/);
  await expect(events(page)).toContainText(/r4 expired.*end/);
  // Hovering a bar shows the calls behind it: here the lock that took r4.
  await page.getByRole('button', { name: /r4: Client A, expired/ }).hover();
  await expect(page.getByRole('tooltip')).toContainText(/POST …\/head\/lock\?.*→ 201/);
});

test('two simulated crawlers and a crash drain a 30-request lab queue, each request handled once', async ({ page }) => {
  test.setTimeout(120_000);
  const queueId = await newLabQueue(page, 30);
  await page.getByRole('button', { name: 'Add client' }).click();
  // A works slowly, so it always holds a batch when it crashes; B is quick.
  for (const [name, workSecs] of [
    ['Client A', 2],
    ['Client B', 0.3],
  ] as const) {
    await setNumber(page, name, 'lockSecs', 3);
    await setNumber(page, name, 'limit', 3);
    await setNumber(page, name, 'work s', workSecs);
    await setNumber(page, name, 'fail %', 25);
    await lane(page, name).getByRole('button', { name: 'Run as crawler' }).click();
  }
  await expect(heldBy(page, 'Client A')).not.toHaveCount(0);
  await page.waitForTimeout(1_000);
  await lane(page, 'Client A').getByRole('button', { name: 'Crash Client A' }).click();
  await expect(lane(page, 'Client A').getByRole('status')).toHaveText(/crashed/);

  const tally = page.getByTestId('lab-tally');
  await expect(tally).toContainText('handled 30/30', { timeout: 90_000 });
  await expect(tally).toContainText('by the clients 28');
  await expect(tally).toContainText('double grants 0');
  await expect(tally).toContainText('done twice 0');
  await expect(lane(page, 'Client B').getByRole('status')).toHaveText(/finished/, { timeout: 15_000 });

  const items = (await api.requestQueue(queueId).listRequests({ limit: 100 })).items;
  expect(items).toHaveLength(30);
  expect(items.filter((item) => !item.handledAt)).toEqual([]);
  // Some attempts failed and were reclaimed with their error before being handled.
  expect(items.some((item) => (item.retryCount ?? 0) > 0 && (item.errorMessages ?? []).length > 0)).toBe(true);
  // The crash is on the timeline: A's last leases expired and B took them over.
  await expect(page.getByRole('button', { name: /Client A, expired/ }).first()).toBeVisible();
});

for (const demo of DEMOS) {
  test(`guided demo "${demo.title}" plays start to end with its captions`, async ({ page }) => {
    test.setTimeout(120_000);
    await newLabQueue(page);
    await page.getByRole('navigation', { name: 'Guided demos' }).getByRole('button', { name: demo.title }).click();
    await expect(page).toHaveURL(new RegExp(`demo=${demo.id}`));
    await expect(page.getByTestId('had-multiple-clients')).toHaveText('false');
    const bar = page.getByRole('region', { name: 'Guided demo' });
    await expect(bar.getByTestId('demo-caption')).toHaveText('Press Next to play the first step.');
    for (const [index, step] of demo.steps.entries()) {
      await bar.getByRole('button', { name: 'Next' }).click();
      await expect(bar.getByTestId('demo-caption')).toHaveText(step.caption);
      await expect(bar).toContainText(`step ${index + 1} of ${demo.steps.length}`);
      await expect(bar).not.toContainText('running…', { timeout: 60_000 });
      await expect(bar.getByRole('alert')).toHaveCount(0);
    }
    await expect(bar.getByRole('button', { name: 'Next' })).toBeDisabled();
    await expect(page.getByTestId('lab-tally')).toContainText('double grants 0');
    // Back shows the previous caption again, and says the queue stays as it is.
    await bar.getByRole('button', { name: 'Back' }).click();
    await expect(bar.getByTestId('demo-caption')).toHaveText(demo.steps.at(-2)?.caption ?? '');
    await expect(bar).toContainText('already played');
  });
}

test('presenter mode fits the lanes, the timeline and the head strip in 1280×720', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await newLabQueue(page);
  await page.getByRole('button', { name: 'Add client' }).click();
  await page.getByRole('button', { name: 'Add client' }).click();
  await lane(page, 'Client A').getByRole('button', { name: 'Lock head' }).click();
  await lane(page, 'Client B').getByRole('button', { name: 'Lock head' }).click();
  await expect(heldBy(page, 'Client B')).toHaveCount(2);
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await expect(page).toHaveURL(/present=1/);
  for (const region of ['Client A', 'Client B', 'Client C', 'Lease timeline', 'Head strip', 'API calls']) {
    const box = await page.getByRole('region', { name: region }).boundingBox();
    expect(box, region).not.toBeNull();
    expect(box?.y ?? -1, region).toBeGreaterThanOrEqual(0);
    expect((box?.y ?? 0) + (box?.height ?? 0), region).toBeLessThanOrEqual(720);
  }
  const scroll = await page.evaluate(() => document.scrollingElement?.scrollHeight ?? 0);
  expect(scroll).toBeLessThanOrEqual(720);
  await page.screenshot({ path: 'test-results/lock-lab-presenter-1280x720.png' });
});

test('closing the lab stops its simulated clients: no API call after', async ({ page }) => {
  await newLabQueue(page, 60);
  await page.getByRole('button', { name: 'Add client' }).click();
  for (const name of ['Client A', 'Client B']) {
    await setNumber(page, name, 'work s', 0.5);
    await lane(page, name).getByRole('button', { name: 'Run as crawler' }).click();
  }
  await expect(page.getByTestId('lab-tally')).toContainText(/by the clients [1-9]/, { timeout: 15_000 });
  const cookie = await cookieHeader(page);
  await page.close();
  const newestCall = async () => {
    const response = await callAction(GET_API_LOG, [], { cookie });
    const result = actionResult(response.body) as { data: { entries: { id: number }[] } } | undefined;
    if (!result) throw new Error(`the API log did not answer (HTTP ${response.status})`);
    return result.data.entries[0]?.id ?? 0;
  };
  // A step in flight when the page closed may still finish; after that, nothing.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const settled = await newestCall();
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  expect(await newestCall()).toBe(settled);
});

test('on Apify the lab asks for armed writes and a confirmation, and refuses a queue it did not make', async ({
  page,
}) => {
  const apify = emulatorClient({ baseUrl: `http://127.0.0.1:${FAKE_APIFY_PORT + 1}`, token: FAKE_APIFY_TOKEN });
  const foreign = await freshQueue(apify, 'not-a-lab');
  await page.goto(`${BASE}/connect`);
  await page.getByLabel('Apify API token').fill(FAKE_APIFY_TOKEN);
  await page.getByRole('button', { name: 'Connect to Apify' }).click();
  await page.waitForURL(`${BASE}/`);
  const panel = page.getByRole('region', { name: 'Lock lab' });
  await expect(panel.getByRole('button', { name: 'New lab queue' })).toBeDisabled();
  await expect(panel).toContainText('Arm writes first');

  await page.getByRole('button', { name: 'Arm writes' }).click();
  await panel.getByRole('button', { name: 'New lab queue' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Create a lab queue on Apify' });
  await expect(confirm).toContainText('on your Apify account');
  await confirm.getByRole('button', { name: 'Create it' }).click();
  await expect(page).toHaveURL(/\/lab/);
  await expect(page.getByTestId('had-multiple-clients')).toHaveText('false');

  await page.goto(`${BASE}/queues/${foreign.id}/lab`);
  await expect(page.getByRole('heading', { name: 'This queue is not a lab queue' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Use this queue in the lab' })).toBeDisabled();
  const before = await apify.requestQueue(foreign.id).get();
  expect(before?.hadMultipleClients).toBe(false);
});

/** Connects to the fake Apify with writes armed, makes a lab queue there (confirmed) and returns its ID. */
async function labQueueOnApify(page: Page) {
  await page.goto(`${BASE}/connect`);
  await page.getByLabel('Apify API token').fill(FAKE_APIFY_TOKEN);
  await page.getByRole('button', { name: 'Connect to Apify' }).click();
  await page.waitForURL(`${BASE}/`);
  await page.getByRole('button', { name: 'Arm writes' }).click();
  await page.getByRole('region', { name: 'Lock lab' }).getByRole('button', { name: 'New lab queue' }).click();
  await page
    .getByRole('alertdialog', { name: 'Create a lab queue on Apify' })
    .getByRole('button', { name: 'Create it' })
    .click();
  await expect(page).toHaveURL(/\/lab/);
  return decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
}

/** Scripts the fake Apify to answer 429 to the next `times` lock calls on the queue; returns their match. */
async function rateLimitLocks(queueId: string, times: number) {
  const match = `${queueId}/head/lock`;
  await fetch(`${FAKE_APIFY_URL}/__faults`, {
    method: 'POST',
    body: JSON.stringify({ match, status: 429, type: 'rate-limit-exceeded', times }),
  });
  return match;
}

/** The calls the fake Apify saw whose path holds `match`, in order. */
async function seenCalls(match: string) {
  const response = await fetch(`${FAKE_APIFY_URL}/__faults/log?match=${match}`);
  return ((await response.json()) as { seen: { at: number; faulted: boolean }[] }).seen;
}

const clearFaults = (match: string) => fetch(`${FAKE_APIFY_URL}/__faults?match=${match}`, { method: 'DELETE' });

test('a lane backs off on 429 as the platform asks: 0.5 s, then 1 s, then 2 s at least', async ({ page }) => {
  test.setTimeout(90_000);
  const match = await rateLimitLocks(await labQueueOnApify(page), 3);
  try {
    await lane(page, 'Client A').getByRole('button', { name: 'Run as crawler' }).click();
    await expect(events(page)).toContainText('rate limited (429): backing off');
    await expect(heldBy(page, 'Client A')).not.toHaveCount(0, { timeout: 15_000 });
    await lane(page, 'Client A').getByRole('button', { name: 'Crash Client A' }).click();
    const log = await seenCalls(match);
    expect(log.slice(0, 4).map((call) => call.faulted)).toEqual([true, true, true, false]);
    const gaps = log.slice(1, 4).map((call, i) => call.at - (log[i]?.at ?? 0));
    expect(gaps[0]).toBeGreaterThanOrEqual(500);
    expect(gaps[1]).toBeGreaterThanOrEqual(1_000);
    expect(gaps[2]).toBeGreaterThanOrEqual(2_000);
  } finally {
    await clearFaults(match);
  }
});

test('a crawler that crashes while it backs off makes no further call', async ({ page }) => {
  test.setTimeout(60_000);
  const match = await rateLimitLocks(await labQueueOnApify(page), 50);
  try {
    await lane(page, 'Client A').getByRole('button', { name: 'Run as crawler' }).click();
    // Two 429s; a moment later the second has come back and the crawler waits 1–2 s before its next try.
    await expect.poll(async () => (await seenCalls(match)).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await page.waitForTimeout(300);
    await lane(page, 'Client A').getByRole('button', { name: 'Crash Client A' }).click();
    await page.waitForTimeout(300);
    const atCrash = (await seenCalls(match)).length;
    await page.waitForTimeout(6_000);
    expect((await seenCalls(match)).length).toBe(atCrash);
  } finally {
    await clearFaults(match);
  }
});
