import { ApifyApiError, ApifyClient } from 'apify-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { closedPort } from './closed-port.test-support';
import { DeadlineError, invalidInputError, toActionError } from './errors';
import { apiError, type FakeApify, type Reply, startFakeApify } from './fake-apify.test-support';

const TOKEN = 'fake-upstream-token-for-unit-tests-123';
let fake: FakeApify;

beforeAll(async () => {
  fake = await startFakeApify();
});
afterAll(() => fake.close());
afterEach(() => {
  vi.restoreAllMocks();
});

/** What apify-client really throws for a reply, with no retries so each case is one exchange. */
async function thrownBy(
  reply: Reply,
  call: (client: ApifyClient) => Promise<unknown> = (client) => client.requestQueue('abc').listHead(),
) {
  fake.script(reply);
  const client = new ApifyClient({ baseUrl: fake.baseUrl, token: TOKEN, maxRetries: 0, timeoutSecs: 5 });
  try {
    await call(client);
  } catch (error) {
    return error;
  }
  throw new Error('the call did not fail');
}

describe('toActionError with real ApifyApiErrors', () => {
  it.each([
    [401, 'token-not-valid', 'Authentication token is not valid', 'unauthenticated'],
    [401, 'user-or-token-not-found', 'User was not found or authentication token is not valid', 'unauthenticated'],
    [403, 'insufficient-permissions', 'You do not have permission', 'forbidden'],
    [404, 'page-not-found', 'There is no API end-point here', 'not-found'],
    [404, 'record-not-found', 'Request was not found', 'not-found'],
    [500, 'internal-server-error', 'Internal error', 'upstream-unavailable'],
    [502, 'bad-gateway', 'Bad gateway', 'upstream-unavailable'],
    [503, 'service-unavailable', 'Down for maintenance', 'upstream-unavailable'],
    [400, 'invalid-client-key', 'Request is locked by another client', 'lock-conflict'],
    [400, 'request-handled-or-locked', 'Request is handled or locked', 'lock-conflict'],
    [400, 'invalid-input', 'Parameter "lockSecs" is required', 'invalid-input'],
    [400, 'request-id-invalid', 'Request ID does not correspond to uniqueKey', 'invalid-input'],
    [413, 'request-too-large', 'Payload too large', 'invalid-input'],
  ])('%d %s → %s', async (status, type, message, code) => {
    const error = await thrownBy(apiError(status, type, message));
    expect(error).toBeInstanceOf(ApifyApiError);
    expect((error as ApifyApiError).statusCode).toBe(status);
    expect(toActionError(error, TOKEN).code).toBe(code);
  });

  it('429 → rate-limited with a positive retryAfter', async () => {
    const error = await thrownBy(apiError(429, 'rate-limit-exceeded', 'You have exceeded the rate limit'));
    const result = toActionError(error, TOKEN);
    expect(result.code).toBe('rate-limited');
    expect(result.retryAfter).toBeGreaterThan(0);
  });

  it.each([
    ['a missing queue', 'Request Queue was not found', /queue does not exist/],
    ['a missing request', 'Request was not found', /request does not exist/],
  ])('404 record-not-found names %s', async (_, message, expected) => {
    const error = await thrownBy(apiError(404, 'record-not-found', message), (client) =>
      client.requestQueue('abc').listRequests(),
    );
    expect(toActionError(error, TOKEN).message).toMatch(expected);
  });

  it('passes the upstream reason through for a refused call', async () => {
    const error = await thrownBy(apiError(400, 'invalid-input', 'limit must be at most 25'));
    expect(toActionError(error, TOKEN)).toMatchObject({ code: 'invalid-input', message: /limit must be at most 25/ });
  });

  it.each([
    ['invalid-input', 'invalid-input'],
    ['invalid-client-key', 'lock-conflict'],
  ])('scrubs the token from a %s message', async (type, code) => {
    const error = await thrownBy(apiError(400, type, `Token ${TOKEN} is bad; Bearer ${TOKEN}`));
    expect((error as Error).message).toContain(TOKEN);
    const result = toActionError(error, TOKEN);
    expect(result.code).toBe(code);
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(result.message).toContain('[token]');
  });

  it('scrubs the token from a body without the error envelope', async () => {
    const error = await thrownBy({ status: 400, json: { echo: { authorization: `Bearer ${TOKEN}` } } });
    expect(JSON.stringify(toActionError(error, TOKEN))).not.toContain(TOKEN);
  });

  it('caps upstream text and strips control characters', async () => {
    const error = await thrownBy(apiError(400, 'invalid-input', `line1\nline2\u0007${'x'.repeat(1000)}`));
    const { message } = toActionError(error, TOKEN);
    expect(message.length).toBeLessThan(400);
    expect(message).not.toMatch(/\p{Cc}/u);
  });
});

describe('toActionError with transport failures', () => {
  it('connection refused → upstream-unavailable', async () => {
    const port = await closedPort();
    const client = new ApifyClient({ baseUrl: `http://127.0.0.1:${port}`, token: TOKEN, maxRetries: 0 });
    const error = await client
      .requestQueue('abc')
      .listHead()
      .catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('ECONNREFUSED');
    expect(toActionError(error, TOKEN).code).toBe('upstream-unavailable');
  });

  it('an HTTP timeout of the client → timeout, outcome unknown', async () => {
    fake.script('hang');
    const client = new ApifyClient({ baseUrl: fake.baseUrl, token: TOKEN, maxRetries: 0, timeoutSecs: 0.3 });
    const error = await client
      .requestQueue('abc')
      .listHead()
      .catch((e: unknown) => e);
    expect(toActionError(error, TOKEN)).toMatchObject({ code: 'timeout', message: /unknown/ });
  });

  it('DeadlineError → timeout naming the budget and saying the outcome is unknown', () => {
    expect(toActionError(new DeadlineError(3000), TOKEN)).toEqual({
      code: 'timeout',
      message: expect.stringMatching(/3 s.*unknown/),
    });
  });

  it.each([
    [
      'HTML with a JSON content type',
      { status: 200, text: '<html>oops</html>', headers: { 'content-type': 'application/json' } },
    ],
    ['HTML', { status: 200, text: '<html>login</html>', headers: { 'content-type': 'text/html' } }],
    ['JSON without data', { status: 200, json: { items: [] } }],
  ] as const)('a 200 with %s → upstream-unavailable', async (_, reply) => {
    const error = await thrownBy(reply);
    expect(toActionError(error, TOKEN).code).toBe('upstream-unavailable');
  });

  it('anything else → internal, logged without the token', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = toActionError(new TypeError(`boom with ${TOKEN}`), TOKEN);
    expect(result.code).toBe('internal');
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(JSON.stringify(log.mock.calls)).not.toContain(TOKEN);
  });
});

describe('invalidInputError', () => {
  const schema = z.object({ queueId: z.string().min(3, 'too short'), items: z.array(z.number()) });

  it('groups messages by dotted field path and leads with the first', () => {
    const parsed = schema.safeParse({ queueId: 'a', items: [1, 'x'] });
    expect(parsed.success).toBe(false);
    const error = invalidInputError((parsed as { error: z.ZodError }).error);
    expect(error.code).toBe('invalid-input');
    expect(error.fieldErrors).toEqual({ queueId: ['too short'], 'items.1': [expect.any(String)] });
    expect(error.message).toBe('queueId too short');
  });

  it('files a root-level problem under "input"', () => {
    const parsed = schema.safeParse(null);
    const error = invalidInputError((parsed as { error: z.ZodError }).error);
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(['input']);
  });

  it('collects several messages for one field', () => {
    const parsed = z.string().min(5, 'too short').regex(/^\d+$/, 'digits only').safeParse('ab');
    const error = invalidInputError((parsed as { error: z.ZodError }).error);
    expect(error.fieldErrors).toEqual({ input: ['too short', 'digits only'] });
  });
});
