import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiLogBook } from '../api-log/book';
import { loggingTo } from '../api-log/context';
import { apiLogOf } from '../api-log/present';
import type { ApiLogEntry } from '../types';
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
import { getQueue, getQueueSnapshot } from './queues';
import { addRequests } from './requests';

// The API log over real HTTP: gateway → apify-client (with the log's interceptors) → the fake Apify.

const TOKEN = 'fake-upstream-token-for-the-api-log-456';
const QUEUE = FAKE_QUEUE_ID;
const QUEUE_DATA = fakeQueueData(true);

let fake: FakeApify;
let book: ApiLogBook;
beforeEach(async () => {
  fake = await startFakeApify();
  book = new ApiLogBook();
});
afterEach(() => fake.close());

const ctx = (overrides: Partial<GatewayContext> = {}) => fakeApifyContext(fake, TOKEN, overrides);

/** Runs a gateway call as session `sessionId` would (what withGateway does). */
const asSession = <T>(sessionId: string, call: () => Promise<T>) => loggingTo(book.callLogFor(sessionId), call);

/** The session's log as the browser gets it; the token is nowhere in it. */
function logOf(sessionId = 's1'): ApiLogEntry[] {
  const log = apiLogOf(sessionId, book);
  expect(JSON.stringify(log)).not.toContain(TOKEN);
  return log.entries;
}

/** Answers the three reads of a queue page poll by their URL. */
const pollReplies: Reply = (request) => {
  const { pathname, searchParams } = new URL(request.url, 'http://fake');
  if (pathname === `/v2/request-queues/${QUEUE}`) return apiData(QUEUE_DATA);
  if (pathname.endsWith('/head')) {
    return apiData({ limit: Number(searchParams.get('limit')), queueModifiedAt: QUEUE_DATA.modifiedAt, items: [] });
  }
  return apiData({ items: [], count: 0, limit: 100 });
};

describe('the API log records every HTTP call of a gateway call', () => {
  it('a queue page poll: three GETs with their IDs, query, status and clientKey, as the wire saw them', async () => {
    fake.fallback = pollReplies;
    const result = await asSession('s1', () => getQueueSnapshot(ctx(), { queueId: QUEUE, limit: 100 }));
    expect(result.ok).toBe(true);
    const entries = logOf();
    expect(entries).toHaveLength(3);
    expect(entries.map((entry) => entry.path).sort()).toEqual(fake.requests.map((request) => request.url).sort());
    const head = entries.find((entry) => entry.path.includes('/head'));
    expect(head).toMatchObject({
      method: 'GET',
      path: `/v2/request-queues/${QUEUE}/head?limit=100&clientKey=headlock-test`,
      status: 200,
      clientKey: 'headlock-test',
      target: 'apify',
      bodyTruncated: false,
    });
    expect(head?.curl).toBe(
      `curl '${fake.baseUrl}/v2/request-queues/${QUEUE}/head?limit=100&clientKey=headlock-test' -H "Authorization: Bearer $APIFY_TOKEN"`,
    );
    expect(entries.find((entry) => entry.path === `/v2/request-queues/${QUEUE}`)).toMatchObject({ clientKey: null });
    for (const entry of entries) {
      expect(entry.durationMs).toBeGreaterThanOrEqual(0);
      expect(Date.parse(entry.at)).toBeLessThanOrEqual(Date.now());
      expect(Object.keys(entry).sort()).toEqual(
        ['at', 'bodyTruncated', 'clientKey', 'curl', 'durationMs', 'id', 'method', 'path', 'status', 'target'].sort(),
      );
    }
    // The token did go out, in a header: the log kept none of it.
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('a 500 then a 200: both attempts, newest first', async () => {
    fake.script(apiError(500, 'internal-server-error', 'Oops'), apiData(QUEUE_DATA));
    expect((await asSession('s1', () => getQueue(ctx(), { queueId: QUEUE }))).ok).toBe(true);
    const entries = logOf();
    expect(entries.map((entry) => [entry.method, entry.path, entry.status])).toEqual([
      ['GET', `/v2/request-queues/${QUEUE}`, 200],
      ['GET', `/v2/request-queues/${QUEUE}`, 500],
    ]);
    expect(entries[0]?.id).toBeGreaterThan(entries[1]?.id ?? Number.POSITIVE_INFINITY);
  });

  it('a 429 then a 200', async () => {
    fake.script(apiError(429, 'rate-limit-exceeded', 'Slow down'), apiData(QUEUE_DATA));
    await asSession('s1', () => getQueue(ctx(), { queueId: QUEUE }));
    expect(logOf().map((entry) => entry.status)).toEqual([200, 429]);
  });

  it('no answer: each attempt with a null status', async () => {
    const target = { name: 'apify' as const, baseUrl: `http://127.0.0.1:${await closedPort()}`, token: TOKEN };
    const result = await asSession('s1', () => getQueue(ctx({ target }), { queueId: QUEUE }));
    expect(result).toMatchObject({ ok: false, error: { code: 'upstream-unavailable' } });
    expect(logOf().map((entry) => [entry.path, entry.status])).toEqual(
      Array(3).fill([`/v2/request-queues/${QUEUE}`, null]),
    );
  });

  it('a write: its JSON body goes into the curl, the clientKey it sent into the entry', async () => {
    fake.script(
      apiData(
        {
          processedRequests: [
            { requestId: 'Zx3dKp9QmW2aB7c', uniqueKey: "https://example.test/it's", wasAlreadyPresent: false },
          ],
          unprocessedRequests: [],
        },
        201,
      ),
    );
    const result = await asSession('s1', () =>
      addRequests(ctx({ clientKey: 'crawler-b' }), { queueId: QUEUE, urls: ["https://example.test/it's"] }),
    );
    expect(result.ok).toBe(true);
    const [entry] = logOf();
    expect(entry).toMatchObject({
      method: 'POST',
      path: `/v2/request-queues/${QUEUE}/requests/batch?forefront=0&clientKey=crawler-b`,
      status: 201,
      clientKey: 'crawler-b',
    });
    expect(entry?.path).toBe(fake.requests[0]?.url);
    expect(entry?.curl).toContain(`curl -X POST '${fake.baseUrl}/v2/request-queues/${QUEUE}/requests/batch`);
    expect(entry?.curl).toContain(
      `-H 'Content-Type: application/json' --data-raw '[{"url":"https://example.test/it'\\''s"`,
    );
  });

  it('keeps two sessions’ calls apart, even when they run at once on the same client', async () => {
    fake.fallback = apiData(QUEUE_DATA);
    await Promise.all([
      asSession('alice', () => getQueueSnapshot(ctx({ clientKey: 'alice-key' }), { queueId: QUEUE })),
      asSession('bob', () => getQueueSnapshot(ctx({ clientKey: 'bob-key' }), { queueId: QUEUE })),
      asSession('alice', () => getQueue(ctx({ clientKey: 'alice-key' }), { queueId: QUEUE })),
    ]);
    expect(new Set(logOf('alice').map((entry) => entry.clientKey))).toEqual(new Set(['alice-key', null]));
    expect(new Set(logOf('bob').map((entry) => entry.clientKey))).toEqual(new Set(['bob-key', null]));
    expect(logOf('alice')).toHaveLength(4);
    expect(logOf('bob')).toHaveLength(3);
  });

  it('records nothing for a call made outside a session', async () => {
    fake.fallback = apiData(QUEUE_DATA);
    expect((await getQueue(ctx(), { queueId: QUEUE })).ok).toBe(true);
    expect(book.sessionCount).toBe(0);
  });
});
