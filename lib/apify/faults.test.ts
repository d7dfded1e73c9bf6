import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionResult } from '../types';
import { verifyAccount } from './account';
import { closedPort } from './closed-port.test-support';
import {
  apiData,
  apiError,
  FAKE_QUEUE_ID,
  type FakeApify,
  fakeApifyContext,
  fakeQueueData,
  type Reply,
  startFakeApify,
} from './fake-apify.test-support';
import type { GatewayContext } from './gateway';
import { deleteLock, lockHead, prolongLock, unlockAll } from './locks';
import { getQueue, getQueueSnapshot, listQueues } from './queues';
import { addRequests, deleteRequests, getRequest, listRequests, updateRequest } from './requests';

const TOKEN = 'fake-upstream-token-for-unit-tests-123';
const QUEUE = FAKE_QUEUE_ID;
const REQUEST = 'Zx3dKp9QmW2aB7c';
const BUDGET_MS = 2000;

let fake: FakeApify;
// A fresh server per test: a call abandoned at its deadline may retry later, and must not land in the next test.
beforeEach(async () => {
  fake = await startFakeApify();
});
afterEach(() => fake.close());

const ctx = (overrides: Partial<GatewayContext> = {}) => fakeApifyContext(fake, TOKEN, overrides);

type Operation = (ctx: GatewayContext, input: unknown) => Promise<ActionResult<unknown>>;

/** Every gateway operation that takes IDs, with an input built from the IDs to use. */
const WITH_IDS: [string, Operation, (queueId: string, requestId: string) => unknown][] = [
  ['getQueue', getQueue, (queueId) => ({ queueId })],
  ['getQueueSnapshot', getQueueSnapshot, (queueId) => ({ queueId })],
  ['lockHead', lockHead, (queueId) => ({ queueId, lockSecs: 60, limit: 1 })],
  ['unlockAll', unlockAll, (queueId) => ({ queueId })],
  ['listRequests', listRequests, (queueId) => ({ queueId })],
  ['addRequests', addRequests, (queueId) => ({ queueId, urls: ['https://example.test/'] })],
  ['prolongLock', prolongLock, (queueId, requestId) => ({ queueId, requestId, lockSecs: 60 })],
  ['deleteLock', deleteLock, (queueId, requestId) => ({ queueId, requestId })],
  ['getRequest', getRequest, (queueId, requestId) => ({ queueId, requestId })],
  ['updateRequest', updateRequest, (queueId, requestId) => ({ queueId, requestId, change: 'mark-handled' })],
  ['deleteRequests', deleteRequests, (queueId, requestId) => ({ queueId, requestIds: [requestId] })],
];
const ALL: [string, Operation, (queueId: string, requestId: string) => unknown][] = [
  ...WITH_IDS,
  ['listQueues', listQueues, () => ({})],
  ['verifyAccount', (c) => verifyAccount(c), () => undefined],
];
const TAKES_REQUEST_ID = new Set(['prolongLock', 'deleteLock', 'getRequest', 'updateRequest', 'deleteRequests']);
const WRITES = new Set([
  'lockHead',
  'unlockAll',
  'addRequests',
  'prolongLock',
  'deleteLock',
  'updateRequest',
  'deleteRequests',
]);

const QUEUE_DATA = fakeQueueData(false);

const codeOf = (result: ActionResult<unknown>) => (result.ok ? 'ok' : result.error.code);

describe('status codes from the API', () => {
  it.each([
    ['401', 'unauthenticated', apiError(401, 'token-not-valid', 'Authentication token is not valid')],
    ['403', 'forbidden', apiError(403, 'insufficient-permissions', 'Insufficient permissions')],
    ['404', 'not-found', apiError(404, 'page-not-found', 'There is no API end-point here')],
    ['404 record', 'not-found', apiError(404, 'record-not-found', 'Request Queue was not found')],
    ['400', 'invalid-input', apiError(400, 'invalid-input', 'Parameter "limit" is invalid')],
    ['400 conflict', 'lock-conflict', apiError(400, 'invalid-client-key', 'Locked by another client')],
  ])('%s maps to %s after one request', async (_, code, reply) => {
    fake.script(reply);
    expect(codeOf(await listRequests(ctx(), { queueId: QUEUE }))).toBe(code);
    expect(fake.requests).toHaveLength(1);
  });

  it('a 404 record-not-found on GET queue is reported as not-found', async () => {
    fake.script(apiError(404, 'record-not-found', 'Request Queue was not found'));
    expect(codeOf(await getQueue(ctx(), { queueId: QUEUE }))).toBe('not-found');
  });

  it('429 then 200 → ok after one retry', async () => {
    fake.script(apiError(429, 'rate-limit-exceeded', 'Slow down'), apiData(QUEUE_DATA));
    const result = await getQueue(ctx(), { queueId: QUEUE });
    expect(result).toMatchObject({ ok: true, data: { id: QUEUE, pendingRequestCount: 2 } });
    expect(fake.requests).toHaveLength(2);
  });

  it('429 forever → rate-limited with retryAfter, after 1 + 2 retries', async () => {
    fake.fallback = apiError(429, 'rate-limit-exceeded', 'Slow down');
    const result = await getQueue(ctx(), { queueId: QUEUE });
    expect(result).toMatchObject({ ok: false, error: { code: 'rate-limited', retryAfter: expect.any(Number) } });
    expect(fake.requests).toHaveLength(3);
  });

  it('500 ×3 → upstream-unavailable after exactly 3 attempts', async () => {
    fake.script(...Array<Reply>(3).fill(apiError(500, 'internal-server-error', 'Oops')), apiData(QUEUE_DATA));
    expect(codeOf(await getQueue(ctx(), { queueId: QUEUE }))).toBe('upstream-unavailable');
    expect(fake.requests).toHaveLength(3);
  });

  it('500 then 200 → ok', async () => {
    fake.script(apiError(503, 'service-unavailable', 'Oops'), apiData(QUEUE_DATA));
    expect(codeOf(await getQueue(ctx(), { queueId: QUEUE }))).toBe('ok');
    expect(fake.requests).toHaveLength(2);
  });
});

describe('broken answers', () => {
  it.each([
    ['HTML', { status: 200, text: '<html><body>Sign in</body></html>', headers: { 'content-type': 'text/html' } }],
    ['HTML sent as JSON', { status: 200, text: '<html>', headers: { 'content-type': 'application/json' } }],
    ['JSON without data', { status: 200, json: { items: [] } }],
    ['an empty body', { status: 200, text: '' }],
  ] as const)('a 200 with %s → upstream-unavailable', async (_, reply) => {
    fake.fallback = reply;
    expect(codeOf(await getQueue(ctx(), { queueId: QUEUE }))).toBe('upstream-unavailable');
  });

  it('verifyAccount without a username → upstream-unavailable', async () => {
    fake.script(apiData({ id: 'u1' }));
    expect(codeOf(await verifyAccount(ctx()))).toBe('upstream-unavailable');
  });

  it('nothing listening → upstream-unavailable', async () => {
    const target = { name: 'apify' as const, baseUrl: `http://127.0.0.1:${await closedPort()}`, token: TOKEN };
    expect(codeOf(await getQueue(ctx({ target }), { queueId: QUEUE }))).toBe('upstream-unavailable');
  });

  it('no answer → timeout within the budget', async () => {
    fake.fallback = 'hang';
    const started = Date.now();
    const result = await getQueue(ctx({ budgetMs: BUDGET_MS }), { queueId: QUEUE });
    expect(Date.now() - started).toBeLessThan(BUDGET_MS + 1000);
    expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } });
  });
});

// apify-client's batchAddRequests reports a failed batch as "unprocessed" instead of throwing.
describe('addRequests surfaces the failure behind a batch that made no progress', () => {
  const add = () => addRequests(ctx(), { queueId: QUEUE, urls: ['https://example.test/a', 'https://example.test/b'] });

  it.each([
    ['401', 'unauthenticated', apiError(401, 'token-not-valid', 'Authentication token is not valid')],
    ['403', 'forbidden', apiError(403, 'insufficient-permissions', 'Insufficient permissions')],
    ['404', 'not-found', apiError(404, 'record-not-found', 'Request Queue was not found')],
  ])('%s → %s', async (_, code, reply) => {
    fake.fallback = reply;
    expect(codeOf(await add())).toBe(code);
  });

  it('goes through when the API takes a batch in two goes', async () => {
    const done = (url: string) => ({
      requestId: REQUEST,
      uniqueKey: url,
      wasAlreadyPresent: false,
      wasAlreadyHandled: false,
    });
    fake.script(
      apiData(
        {
          processedRequests: [done('https://example.test/b')],
          unprocessedRequests: [{ uniqueKey: 'https://example.test/a', url: 'https://example.test/a' }],
        },
        201,
      ),
      apiData({ processedRequests: [done('https://example.test/a')], unprocessedRequests: [] }, 201),
    );
    expect(await add()).toEqual({
      ok: true,
      data: {
        added: ['https://example.test/b', 'https://example.test/a'],
        alreadyPresent: [],
        alreadyHandled: [],
        unprocessed: [],
      },
    });
    expect(fake.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
  });
});

describe('head/lock is never retried', () => {
  const lock = (overrides: Partial<GatewayContext> = {}) =>
    lockHead(ctx(overrides), { queueId: QUEUE, lockSecs: 60, limit: 5 });

  it.each([
    ['500', 'upstream-unavailable', apiError(500, 'internal-server-error', 'Oops')],
    ['429', 'rate-limited', apiError(429, 'rate-limit-exceeded', 'Slow down')],
  ])('%s → %s after one request', async (_, code, reply) => {
    fake.fallback = reply;
    expect(codeOf(await lock())).toBe(code);
    expect(fake.requests).toHaveLength(1);
  });

  it('a timed-out lock is one request and says its outcome is unknown', async () => {
    fake.fallback = 'hang';
    const started = Date.now();
    const result = await lock({ budgetMs: BUDGET_MS });
    expect(Date.now() - started).toBeLessThan(BUDGET_MS + 1000);
    expect(result).toMatchObject({ ok: false, error: { code: 'timeout', message: /outcome .*unknown/ } });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: 'POST', url: expect.stringContaining('/head/lock?') });
  });

  it('a successful lock is one POST with the clientKey and serverNow in the result', async () => {
    fake.script(
      apiData(
        {
          limit: 5,
          lockSecs: 60,
          queueModifiedAt: '2026-01-01T00:00:00.000Z',
          hadMultipleClients: false,
          queueHasLockedRequests: true,
          clientKey: 'headlock-test',
          items: [{ id: REQUEST, uniqueKey: 'u', url: 'https://example.test/', method: 'GET', retryCount: 0 }],
        },
        201,
      ),
    );
    const result = await lock();
    expect(result).toMatchObject({ ok: true, data: { items: [{ id: REQUEST }], serverNow: expect.any(String) } });
    const url = new URL(fake.requests[0]?.url ?? '', fake.baseUrl);
    expect(url.pathname).toBe(`/v2/request-queues/${QUEUE}/head/lock`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ lockSecs: '60', limit: '5', clientKey: 'headlock-test' });
  });
});

describe('security', () => {
  const CRAFTED = ['../x', '..', 'a?b', 'a#b', '%2e%2e', 'a/b', 'a b', ''];

  it.each(
    WITH_IDS.flatMap(([name, operation, input]) =>
      CRAFTED.flatMap((bad) => [
        [name, 'queue', bad, operation, input(bad, REQUEST)] as const,
        ...(TAKES_REQUEST_ID.has(name) ? [[name, 'request', bad, operation, input(QUEUE, bad)] as const] : []),
      ]),
    ),
  )('%s rejects the %s ID %j before any upstream call', async (_, __, ___, operation, input) => {
    const result = await operation(ctx(), input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', fieldErrors: expect.any(Object) } });
    expect(fake.requests).toEqual([]);
  });

  it.each(WITH_IDS.filter(([name]) => WRITES.has(name)))(
    '%s in a read-only session calls nothing',
    async (_, op, input) => {
      const result = await op(ctx({ writesArmed: false }), input(QUEUE, REQUEST));
      expect(codeOf(result)).toBe('read-only');
      expect(fake.requests).toEqual([]);
    },
  );

  const echo =
    (status: number, type: string): Reply =>
    (request) =>
      apiError(status, type, `You sent ${request.headers.authorization} to ${request.url} (token ${TOKEN})`);
  const ECHOES: [string, Reply][] = [
    ['400 invalid-input', echo(400, 'invalid-input')],
    ['400 invalid-client-key', echo(400, 'invalid-client-key')],
    ['401', echo(401, 'token-not-valid')],
    ['403', echo(403, 'insufficient-permissions')],
    ['404', echo(404, 'page-not-found')],
    ['200 HTML', { status: 200, text: `<p>${TOKEN}</p>`, headers: { 'content-type': 'text/html' } }],
  ];

  it.each(
    ALL.flatMap(([name, operation, input]) =>
      ECHOES.map(([what, reply]) => [name, what, operation, input, reply] as const),
    ),
  )('%s keeps the token out of the result when the API echoes it (%s)', async (_, __, operation, input, reply) => {
    fake.fallback = reply;
    const result = await operation(ctx(), input(QUEUE, REQUEST));
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(fake.requests.length).toBeGreaterThan(0);
  });

  it('keeps the token out of the result after retried 500s that echo it', async () => {
    fake.fallback = echo(500, 'internal-server-error');
    const result = await getQueue(ctx(), { queueId: QUEUE });
    expect(codeOf(result)).toBe('upstream-unavailable');
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('sends the token only in the Authorization header', async () => {
    fake.fallback = (request) =>
      request.url.includes('/users/me') ? apiData({ username: 'jane' }) : apiError(400, 'invalid-input', 'no');
    for (const [, operation, input] of ALL) await operation(ctx(), input(QUEUE, REQUEST));
    expect(fake.requests.length).toBeGreaterThanOrEqual(ALL.length);
    for (const request of fake.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(request.url).not.toContain(TOKEN);
      expect(request.url).not.toMatch(/[?&]token=/);
      const others = Object.entries(request.headers).filter(([name]) => name !== 'authorization');
      expect(JSON.stringify(others)).not.toContain(TOKEN);
    }
  });
});
