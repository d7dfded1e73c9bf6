import { rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { startDashboard } from '../support/dashboard-server';
import { emulatorClient, freshQueue } from '../support/emulator';
import { E2E_PORT, E2E_TOKEN, FAKE_APIFY_PORT, FAKE_APIFY_TOKEN, FAKE_APIFY_URL } from '../support/env';
import { rawRequest } from '../support/raw-http';
import { actionId, actionResult, callAction, sessionCookieFrom, sessionCookiesSet } from '../support/server-actions';
import { connectToEmulator, cookieHeader, lockHead, openQueue, seededQueue } from '../support/ui';

// Raw HTTP where the browser cannot go: a forged Host (DNS rebinding), the headers of every kind of
// response, and a copy of a session cookie replayed after the session ended.
const SESSION_ACTIONS = 'lib/actions/session.ts';
const action = (file: string, name: string) => actionId(process.cwd(), file, name);

test.describe('only allowed host names are served', () => {
  // What a DNS-rebinding page sends: its own name, which now resolves to 127.0.0.1.
  const forged = [
    `evil.example:${E2E_PORT}`,
    'evil.example',
    `127.0.0.1.evil.example:${E2E_PORT}`,
    `localhost.evil.example:${E2E_PORT}`,
    `0.0.0.0:${E2E_PORT}`,
    `dashboard.test:${E2E_PORT + 1}`,
  ];
  for (const host of forged) {
    test(`Host ${host}: 421 for a page and for a server action, and no session`, async () => {
      const page = await rawRequest({ path: '/connect', headers: { host } });
      expect(page.status).toBe(421);
      expect(page.headers['content-type']).toMatch(/^text\/plain/);
      expect(page.body).toMatch(/host/i);
      const connect = await callAction(action(SESSION_ACTIONS, 'connectEmulatorAction'), [], { host });
      expect(connect.status).toBe(421);
      expect(sessionCookiesSet(connect.headers)).toEqual([]);
      expect(connect.body).not.toContain('"ok":true');
    });
  }

  test('a forged X-Forwarded-Host is refused too', async () => {
    const response = await rawRequest({ path: '/connect', headers: { 'x-forwarded-host': 'evil.example' } });
    expect(response.status).toBe(421);
  });

  // The proxy skips the emulator's API, which refuses non-loopback Hosts itself (403): no path may
  // use that gap to reach a page.
  test('paths through the emulator prefix do not escape the host rule', async () => {
    const paths = [
      '/emulator/v2/../../connect',
      '/emulator/v2/%2e%2e/%2e%2e/connect',
      '/emulator/v2/..%2f..%2fconnect',
    ];
    for (const path of [...paths, '/emulator/v2', '/emulator/other', '/Emulator/v2/users/me']) {
      const response = await rawRequest({ path, headers: { host: 'evil.example' } });
      expect.soft([403, 421], path).toContain(response.status);
    }
  });

  // The last two come from HEADLOCK_ALLOWED_HOSTS in playwright.config.ts.
  const allowed = [
    `127.0.0.1:${E2E_PORT}`,
    `localhost:${E2E_PORT}`,
    `127.0.0.2:${E2E_PORT}`,
    `[::1]:${E2E_PORT}`,
    `headlock.test:${E2E_PORT}`,
    `dashboard.test:${E2E_PORT}`,
  ];
  for (const host of allowed) {
    test(`Host ${host}: served, and connecting works`, async () => {
      expect((await rawRequest({ path: '/connect', headers: { host } })).status).toBe(200);
      const connect = await callAction(action(SESSION_ACTIONS, 'connectEmulatorAction'), [], { host });
      expect(connect.status).toBe(200);
      expect(sessionCookiesSet(connect.headers)).toHaveLength(1);
      expect(actionResult(connect.body)).toMatchObject({ ok: true, data: { target: 'local' } });
    });
  }
});

/** The directives of a Content-Security-Policy, each with its sources. */
function directives(policy: string): Record<string, string[]> {
  const entries = policy
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .filter((words) => words[0]);
  return Object.fromEntries(entries.map(([name, ...sources]) => [name as string, sources]));
}

/** The emulator's JSON gets a policy that allows nothing; everything else the page policy. */
function expectSecurityHeaders(headers: IncomingHttpHeaders, policy: 'page' | 'api' = 'page') {
  const csp = directives(String(headers['content-security-policy'] ?? ''));
  expect(csp['frame-ancestors']).toEqual(["'none'"]);
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  const denied = String(headers['permissions-policy']).split(', ');
  expect(denied).toEqual(expect.arrayContaining(['camera=()', 'microphone=()', 'geolocation=()']));
  if (policy === 'api') {
    expect(csp['default-src']).toEqual(["'none'"]);
    return;
  }
  expect(csp['default-src']).toEqual(["'self'"]);
  expect(csp['script-src']).toEqual(expect.arrayContaining(["'self'", "'strict-dynamic'"]));
  expect(csp['script-src']?.some((source) => /^'nonce-[A-Za-z0-9+/]{22,}={0,2}'$/.test(source))).toBe(true);
  expect(csp['script-src']).not.toContain("'unsafe-inline'");
  expect(csp['script-src']).not.toContain("'unsafe-eval'");
  expect(csp['object-src']).toEqual(["'none'"]);
  expect(csp['base-uri']).toEqual(["'none'"]);
  expect(csp['form-action']).toEqual(["'self'"]);
}

const nonceOf = (headers: IncomingHttpHeaders) =>
  /'nonce-([^']+)'/.exec(String(headers['content-security-policy']))?.[1] ?? '';

test('every kind of response carries the security headers; each page gets its own script nonce', async () => {
  const page = await rawRequest({ path: '/connect' });
  expect(page.status).toBe(200);
  expectSecurityHeaders(page.headers);
  // Next puts the request's nonce on every script it renders, or they would not run.
  const nonce = nonceOf(page.headers);
  const scripts = page.body.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(3);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  expect(nonceOf((await rawRequest({ path: '/connect' })).headers)).not.toBe(nonce);

  const staticScript = /src="(\/_next\/static\/[^"]+\.js)"/.exec(page.body)?.[1];
  expect(staticScript).toBeTruthy();
  const responses = {
    'server action': await callAction(action(SESSION_ACTIONS, 'getSessionAction'), []),
    'static script': await rawRequest({ path: staticScript as string }),
    'emulator API': await rawRequest({
      path: '/emulator/v2/users/me',
      headers: { authorization: `Bearer ${E2E_TOKEN}` },
    }),
    'emulator API, misdirected host': await rawRequest({
      path: '/emulator/v2/users/me',
      headers: { authorization: `Bearer ${E2E_TOKEN}`, host: 'evil.example' },
    }),
    'not found': await rawRequest({ path: '/no-such-page' }),
    'misdirected host': await rawRequest({ path: '/connect', headers: { host: 'evil.example' } }),
  };
  const statuses = Object.fromEntries(Object.entries(responses).map(([what, response]) => [what, response.status]));
  expect(statuses).toEqual({
    'server action': 200,
    'static script': 200,
    'emulator API': 200,
    'emulator API, misdirected host': 403,
    'not found': 404,
    'misdirected host': 421,
  });
  for (const [what, response] of Object.entries(responses)) {
    await test.step(what, () => expectSecurityHeaders(response.headers, what.startsWith('emulator') ? 'api' : 'page'));
  }
});

async function listQueuesWith(cookie: string, port?: number) {
  const response = await callAction(action('lib/actions/queues.ts', 'listQueuesAction'), [{}], { cookie, port });
  expect(response.status).toBe(200);
  return actionResult(response.body);
}

/** Connects to the embedded emulator without a browser; returns the session cookie as a Cookie header. */
async function connectWithoutBrowser(port?: number) {
  const response = await callAction(action(SESSION_ACTIONS, 'connectEmulatorAction'), [], { port });
  return sessionCookieFrom(response.headers);
}

test('after Disconnect, a copy of the old session cookie is signed out', async ({ page, browser }) => {
  await connectToEmulator(page);
  const saved = (await page.context().cookies()).filter((cookie) => cookie.name === 'headlock_session');
  const copy = await cookieHeader(page);
  expect(await listQueuesWith(copy)).toMatchObject({ ok: true });

  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(page).toHaveURL(/\/connect$/);

  expect(await listQueuesWith(copy)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  const replay = await browser.newContext();
  await replay.addCookies(saved);
  const replayed = await replay.newPage();
  await replayed.goto('/');
  await expect(replayed).toHaveURL(/\/connect$/);
  await expect(replayed.getByRole('heading', { name: 'Connect', exact: true })).toBeVisible();
  await replay.close();
});

test('connecting again starts a new session: the previous cookie is signed out', async ({ page }) => {
  await connectToEmulator(page);
  const first = await cookieHeader(page);
  await connectToEmulator(page);
  const second = await cookieHeader(page);
  expect(second).not.toBe(first);
  expect(await listQueuesWith(second)).toMatchObject({ ok: true });
  expect(await listQueuesWith(first)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
});

test('a 401 from the API ends the session for every copy of its cookie', async ({ page }) => {
  const apify = emulatorClient({ baseUrl: `http://127.0.0.1:${FAKE_APIFY_PORT + 1}`, token: FAKE_APIFY_TOKEN });
  const queue = await freshQueue(apify, 'revoked-by-401');
  await apify
    .requestQueue(queue.id, { clientKey: 'crawler' })
    .addRequest({ url: 'https://r.example.com/1', uniqueKey: 'r1' });
  await page.goto('/connect');
  await page.getByLabel('Apify API token').fill(FAKE_APIFY_TOKEN);
  await page.getByRole('button', { name: 'Connect to Apify' }).click();
  await expect(page.getByRole('heading', { name: 'Request queues' })).toBeVisible();
  const copy = await cookieHeader(page);

  const fault = { match: queue.id, status: 401, type: 'token-not-valid' };
  await fetch(`${FAKE_APIFY_URL}/__faults`, { method: 'POST', body: JSON.stringify(fault) });
  try {
    await page.goto(`/queues/${queue.id}`);
    await page.waitForURL(/\/connect\?reason=signed-out$/);
  } finally {
    await fetch(`${FAKE_APIFY_URL}/__faults?match=${queue.id}`, { method: 'DELETE' });
  }
  // The queue list is not faulted: only the revoked session stops it.
  expect(await listQueuesWith(copy)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
});

test('a restart of the server does not bring a revoked session back', async () => {
  test.setTimeout(120_000);
  // A private server on its own data directory: this test stops it.
  const port = E2E_PORT + 2;
  const dataDir = resolve('test-results', `restart-${port}`);
  rmSync(dataDir, { recursive: true, force: true });

  let server = await startDashboard(port, dataDir);
  try {
    const revoked = await connectWithoutBrowser(port);
    const kept = await connectWithoutBrowser(port);
    const disconnect = await callAction(action(SESSION_ACTIONS, 'disconnectAction'), [], { port, cookie: revoked });
    expect(disconnect.status).toBe(200);
    expect(await listQueuesWith(revoked, port)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    await server.stop();
    server = await startDashboard(port, dataDir);
    expect(await listQueuesWith(revoked, port)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await listQueuesWith(kept, port)).toMatchObject({ ok: true });
  } finally {
    await server.stop();
  }
});

/** CSP and Permissions-Policy complaints: the DOM event, and the console lines Chromium prints. */
async function watchPolicyViolations(page: Page) {
  const logged: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Permissions-Policy/i.test(message.text())) logged.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return {
    logged,
    events: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations),
  };
}

test('the queue page works under the CSP with no violation, and injected markup cannot run script', async ({
  page,
}) => {
  const violations = await watchPolicyViolations(page);
  const clientKey = await connectToEmulator(page);
  const { queue } = await seededQueue('csp', 6, clientKey);
  await openQueue(page, queue.id);
  await expect(page.getByTestId('head-row')).toHaveCount(6);
  await lockHead(page, 60, 2);
  await expect(page.getByTestId('lock-row')).toHaveCount(2);
  await page.getByRole('button', { name: 'All requests' }).click();
  await expect(page.getByTestId('request-row')).toHaveCount(6);
  expect(await violations.events()).toEqual([]);
  expect(violations.logged).toEqual([]);

  // Control: the listener works, and markup injected into the page (the shape of an XSS) cannot run
  // script. ('strict-dynamic' trusts scripts that the page's own code creates, so the control is HTML.)
  await page.evaluate(() =>
    document.body.insertAdjacentHTML('beforeend', '<img alt="" src="/x.png" onerror="window.__injected = true">'),
  );
  await expect.poll(violations.events).toEqual([expect.stringMatching(/^script-src/)]);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
});
