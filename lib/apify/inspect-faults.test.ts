import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { must } from './action-result.test-support';
import { bulkRequests } from './bulk';
import { exportStream } from './export';
import {
  apiData,
  apiError,
  FAKE_QUEUE_ID,
  type FakeApify,
  fakeApifyContext,
  fakeQueueData,
  startFakeApify,
} from './fake-apify.test-support';

// Inspection against a scripted Apify: what survives apify-client's own retries.

const TOKEN = 'fake-upstream-token-for-inspect-tests';
const REQUEST = 'Zx3dKp9QmW2aB7c';
const OTHER = 'Ab3dKp9QmW2aB7c';
const stored = (id: string) => ({
  id,
  uniqueKey: `https://shop.test/${id}`,
  url: `https://shop.test/${id}`,
  method: 'GET',
  retryCount: 0,
});
const slowDown = apiError(429, 'rate-limit-exceeded', `Slow down (token ${TOKEN})`);

let fake: FakeApify;
beforeEach(async () => {
  fake = await startFakeApify();
});
afterEach(() => fake.close());

const ctx = () => fakeApifyContext(fake, TOKEN);

describe('bulkRequests under a lasting 429', () => {
  it('a PUT that stays rate limited is that request’s outcome: rate-limited; the others go on', async () => {
    fake.fallback = (request) => {
      if (request.method === 'GET') return apiData(stored(request.url.includes(OTHER) ? OTHER : REQUEST));
      return request.url.includes(REQUEST)
        ? slowDown
        : apiData({ requestId: OTHER, wasAlreadyPresent: true, wasAlreadyHandled: false });
    };
    const result = must(
      await bulkRequests(ctx(), { queueId: FAKE_QUEUE_ID, operation: 'mark-handled', requestIds: [REQUEST, OTHER] }),
    );
    expect(result.outcomes).toEqual([
      { requestId: REQUEST, status: 'failed', code: 'rate-limited', message: expect.any(String) },
      { requestId: OTHER, status: 'done' },
    ]);
    expect(fake.requests.filter((r) => r.method === 'PUT' && r.url.includes(REQUEST))).toHaveLength(3);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it('once one request is rate limited, the rest are not started: the call answers well within its budget', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `Req${String(i).padStart(12, '0')}`);
    fake.fallback = (request) => {
      const id = ids.find((candidate) => request.url.includes(candidate)) ?? REQUEST;
      return request.method === 'GET' ? apiData(stored(id)) : slowDown;
    };
    const started = Date.now();
    const result = must(
      await bulkRequests(ctx(), { queueId: FAKE_QUEUE_ID, operation: 'reclaim', requestIds: ids, forefront: true }),
    );
    expect(Date.now() - started).toBeLessThan(4000);
    expect(result.outcomes.every((outcome) => outcome.code === 'rate-limited')).toBe(true);
    expect(result.outcomes.filter((outcome) => outcome.message?.startsWith('Not tried'))).toHaveLength(16);
    expect(fake.requests.filter((r) => r.method === 'PUT')).toHaveLength(4 * 3);
  });

  it('a batch delete that stays rate limited fails each of its requests as rate-limited', async () => {
    fake.fallback = (request) => (request.method === 'GET' ? apiData(stored(REQUEST)) : slowDown);
    const result = must(
      await bulkRequests(ctx(), { queueId: FAKE_QUEUE_ID, operation: 'delete', requestIds: [REQUEST] }),
    );
    expect(result.outcomes).toEqual([
      { requestId: REQUEST, status: 'failed', code: 'rate-limited', message: expect.any(String) },
    ]);
  });

  it('a refused token fails the whole call (the session ends)', async () => {
    fake.fallback = apiError(401, 'token-not-valid', 'Authentication token is not valid');
    const result = await bulkRequests(ctx(), { queueId: FAKE_QUEUE_ID, operation: 'reclaim', requestIds: [REQUEST] });
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});

describe('exportStream under a lasting 429', () => {
  it('errors the stream with our own message, the token nowhere', async () => {
    fake.script(apiData(fakeQueueData(true)));
    fake.fallback = slowDown;
    const { stream } = must(
      await exportStream(ctx(), { queueId: FAKE_QUEUE_ID, format: 'ndjson', view: { filter: 'all' } }),
    );
    const error = await new Response(stream).text().catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/rate limiting/);
    expect((error as Error).message).not.toContain(TOKEN);
  });
});
