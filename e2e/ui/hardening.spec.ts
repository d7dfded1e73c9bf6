import type { IncomingHttpHeaders } from 'node:http';
import { expect, test } from '@playwright/test';
import { E2E_PORT } from '../support/env';
import { rawRequest } from '../support/raw-http';
import { actionId, actionResult, callAction } from '../support/server-actions';

// Raw HTTP where the browser cannot go: a forged Host (DNS rebinding), the headers of every kind of
// response, and a copy of a session cookie replayed after the session ended.
const SESSION_ACTIONS = 'lib/actions/session.ts';
const action = (file: string, name: string) => actionId(process.cwd(), file, name);
const sessionCookie = (headers: IncomingHttpHeaders) =>
  (headers['set-cookie'] ?? []).filter(
    (cookie) => cookie.startsWith('headlock_session=') && !/max-age=0/i.test(cookie),
  );

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
      expect(sessionCookie(connect.headers)).toEqual([]);
      expect(connect.body).not.toContain('"ok":true');
    });
  }

  test('a forged X-Forwarded-Host is refused too', async () => {
    const response = await rawRequest({ path: '/connect', headers: { 'x-forwarded-host': 'evil.example' } });
    expect(response.status).toBe(421);
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
      expect(sessionCookie(connect.headers)).toHaveLength(1);
      expect(actionResult(connect.body)).toMatchObject({ ok: true, data: { target: 'local' } });
    });
  }
});
