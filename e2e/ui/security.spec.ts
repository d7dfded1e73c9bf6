import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { E2E_PORT, E2E_SERVER_LOG, FAKE_APIFY_TOKEN } from '../support/env';

const BASE = `http://127.0.0.1:${E2E_PORT}`;

/** Every place a secret could leak to in the browser: bodies, URLs, headers sent, storage. */
function recordTraffic(page: Page) {
  const seen: { where: string; text: string }[] = [];
  const actionIds = new Set<string>();
  page.on('request', (request) => {
    seen.push({ where: `request URL ${request.url()}`, text: request.url() });
    const action = request.headers()['next-action'];
    if (action) actionIds.add(action);
  });
  page.on('response', async (response) => {
    const headers = await response.allHeaders().catch(() => ({}));
    seen.push({ where: `response headers ${response.url()}`, text: JSON.stringify(headers) });
    const body = await response.text().catch(() => '');
    seen.push({ where: `response body ${response.url()}`, text: body });
  });
  return { seen, actionIds };
}

async function connectToApify(page: Page) {
  await page.goto(`${BASE}/connect`);
  await page.getByLabel('Apify API token').fill(FAKE_APIFY_TOKEN);
  await page.getByRole('button', { name: 'Connect to Apify' }).click();
  await page.waitForURL(`${BASE}/`);
}

test('the Apify token never reaches the browser, a URL or the server log while every feature is used', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const traffic = recordTraffic(page);
  await connectToApify(page);
  await expect(page.getByText('Apify', { exact: true })).toBeVisible();
  await expect(page.getByText('Read-only', { exact: true })).toBeVisible();

  // Queue list, search, sorting, then a queue.
  await page.getByLabel('Search by name').fill('demo');
  await page.getByLabel('Include unnamed').click();
  await expect(page.getByLabel('Include unnamed')).toBeChecked();
  await page.getByRole('link', { name: 'demo-crawl' }).click();
  const readAnyway = page.getByRole('button', { name: 'Read the head anyway' });
  await expect(readAnyway.or(page.getByTestId('head-row').first())).toBeVisible();
  if (await readAnyway.isVisible()) await readAnyway.click();
  await expect(page.getByTestId('head-row').first()).toBeVisible();

  // Read-only until armed: the lock button says why it is disabled.
  await expect(page.getByRole('button', { name: 'Lock head' })).toBeDisabled();
  await page.getByRole('button', { name: 'Arm writes' }).click();
  await expect(page.getByRole('banner').getByText('Writes armed')).toBeVisible();

  // Lock (an Apify target asks first), prolong, unlock, mark handled, unlock all.
  await page.getByLabel('limit (1–25)').fill('4');
  await page.getByRole('button', { name: 'Lock head' }).click();
  await page.getByRole('button', { name: 'Lock anyway' }).click();
  await expect(page.getByTestId('lock-result')).toBeVisible();
  const mine = page.getByTestId('lock-row').filter({ hasText: 'yours' });
  await expect(mine).toHaveCount(4);
  const firstId = await mine.first().getAttribute('data-request-id');
  await page.getByRole('button', { name: `Prolong lock: ${firstId}` }).click();
  await page.getByRole('button', { name: `Unlock: ${firstId}` }).click();
  const secondId = await mine.first().getAttribute('data-request-id');
  await page.getByRole('button', { name: `Mark handled: ${secondId}` }).click();
  await expect(mine).toHaveCount(2);
  await page.getByRole('button', { name: 'Unlock all mine' }).click();
  await expect(mine).toHaveCount(0);

  // All requests, a request page, adding requests, the clientKey.
  await page.getByRole('button', { name: 'All requests' }).click();
  await page.getByTestId('request-row').first().getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: 'userData' })).toBeVisible();
  await page.getByRole('button', { name: 'Reveal values' }).click();
  await page.getByRole('link', { name: '← Back to the queue' }).click();
  await page.getByRole('button', { name: 'Add requests' }).click();
  await page
    .getByLabel('URLs, one per line (uniqueKey = URL)')
    .fill('https://shop.example.com/new-1\nhttps://shop.example.com/new-2');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('add-result')).toContainText('Added 2');
  await page.getByRole('button', { name: 'Change clientKey' }).click();
  await page.getByLabel('New clientKey').fill('security-test-key');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('session-client-key')).toHaveText('security-test-key');

  // Whatever the browser could read: storage, readable cookies, every body, URL and header.
  const storage = await page.evaluate(() =>
    JSON.stringify({ ...localStorage, ...sessionStorage, cookie: document.cookie }),
  );
  const cookies = JSON.stringify(await page.context().cookies());
  const leaks = [...traffic.seen, { where: 'storage', text: storage }, { where: 'cookie jar', text: cookies }]
    .filter(({ text }) => text.includes(FAKE_APIFY_TOKEN))
    .map(({ where }) => where);
  expect(leaks).toEqual([]);
  expect(traffic.seen.some(({ where }) => where.includes('/_next/static/chunks/'))).toBe(true);
  expect(traffic.actionIds.size).toBeGreaterThan(5);

  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.waitForURL(`${BASE}/connect`);
  expect(readFileSync(E2E_SERVER_LOG, 'utf8')).not.toContain(FAKE_APIFY_TOKEN);
});

test('the session cookie is sealed, HttpOnly, SameSite=Strict and Secure', async ({ page }) => {
  const setCookies: string[] = [];
  page.on('response', async (response) => {
    const header = await response.headerValue('set-cookie');
    if (header?.includes('headlock_session=')) setCookies.push(header);
  });
  await connectToApify(page);
  expect(setCookies.length).toBeGreaterThan(0);
  const flags = setCookies[0]?.split(';').map((part) => part.trim().toLowerCase()) ?? [];
  expect(flags).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'secure', 'path=/']));
  const maxAge = Number(flags.find((flag) => flag.startsWith('max-age='))?.slice('max-age='.length));
  expect(maxAge).toBeGreaterThan(60);
  const [cookie] = (await page.context().cookies()).filter((c) => c.name === 'headlock_session');
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.value).not.toContain(FAKE_APIFY_TOKEN);
});

test('a cross-origin POST to a server action is refused', async ({ page, request }) => {
  const traffic = recordTraffic(page);
  await connectToApify(page);
  await expect(page.getByRole('link', { name: 'demo-crawl' })).toBeVisible();
  const [actionId] = [...traffic.actionIds];
  expect(actionId).toBeTruthy();
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const headers = { 'next-action': actionId as string, 'content-type': 'text/plain;charset=UTF-8', cookie };
  const sameOrigin = await request.post(`${BASE}/`, { headers: { ...headers, origin: BASE }, data: '[{}]' });
  expect(sameOrigin.status()).toBe(200);
  const crossOrigin = await request.post(`${BASE}/`, {
    headers: { ...headers, origin: 'http://attacker.example' },
    data: '[{}]',
  });
  expect(crossOrigin.status()).toBeGreaterThanOrEqual(400);
  const body = await crossOrigin.text();
  expect(body).not.toContain('"ok":true');
  expect(body).not.toContain('demo-crawl');
});

test('a tampered or expired session cookie is a clean logout, not an error', async ({ page }) => {
  await connectToApify(page);
  const [cookie] = (await page.context().cookies()).filter((c) => c.name === 'headlock_session');
  expect(cookie).toBeTruthy();
  await page
    .context()
    .addCookies([{ ...(cookie as NonNullable<typeof cookie>), value: `${cookie?.value.slice(0, -6)}AAAAAA` }]);
  const fresh = await page.context().newPage();
  const response = await fresh.goto(`${BASE}/`);
  expect(response?.status()).toBe(200);
  expect(fresh.url()).toBe(`${BASE}/connect`);
  await expect(fresh.getByRole('heading', { name: 'Connect', exact: true })).toBeVisible();
});

test('a wrong Apify token gets its own clear message and no session', async ({ page }) => {
  await page.goto(`${BASE}/connect`);
  await page.getByLabel('Apify API token').fill('fake-apify-token-that-is-wrong');
  await page.getByRole('button', { name: 'Connect to Apify' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Apify refused this token' })).toBeVisible();
  expect((await page.context().cookies()).some((c) => c.name === 'headlock_session')).toBe(false);
  await page.goto(`${BASE}/`);
  expect(page.url()).toBe(`${BASE}/connect`);
});

test('when the session ends under a polling page, the page goes back to /connect and says why', async ({ page }) => {
  await connectToApify(page);
  await page.getByRole('link', { name: 'empty' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'empty' })).toBeVisible();
  // What the server does on a 401 from upstream (the session is destroyed), done from outside.
  await page.context().clearCookies({ name: 'headlock_session' });
  await page.waitForURL(`${BASE}/connect?reason=signed-out`);
  await expect(page.getByText('Your session ended (or its token was refused). Connect again.')).toBeVisible();
});
