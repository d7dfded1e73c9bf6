import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { serveEmulator } from '../node-server';
import { EmulatorStore } from '../store';
import { createEmulatorHandler } from './handler';

const TOKEN = 'unit-test-token';
let port = 0;
let store: EmulatorStore;
let server: Awaited<ReturnType<typeof serveEmulator>>;
let queue = '';
let lockedId = '';
let freeId = '';

interface Sent {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}
interface Received {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: { data?: Record<string, unknown>; error?: { type: string; message: string } } | undefined;
}

/** Raw HTTP, so a test can send any Host, encoding or body the emulator must cope with. */
function send({ method = 'GET', path, headers = {}, body }: Sent): Promise<Received> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { authorization: `Bearer ${TOKEN}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: text ? JSON.parse(text) : undefined,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const q = (rest = '') => `/v2/request-queues/${queue}${rest}`;

/** Every row of every table: what "the database is unchanged" compares. */
function snapshot() {
  const tables = ['meta', 'queues', 'requests'];
  return tables.map((table) => store.db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all());
}

beforeAll(async () => {
  store = new EmulatorStore(openDatabase(':memory:'));
  server = await serveEmulator(createEmulatorHandler({ store, token: TOKEN, basePath: '' }), 0);
  port = (server.address() as AddressInfo).port;
  queue = store.getOrCreateQueue('bad-input').queue.id;
  const added = store.batchAddRequests(
    queue,
    ['a', 'b'].map((key) => ({ url: `https://x.test/${key}`, uniqueKey: key })),
    { clientKey: 'owner' },
  );
  lockedId = added.processedRequests[0]?.requestId ?? '';
  freeId = added.processedRequests[1]?.requestId ?? '';
  store.listAndLockHead(queue, { limit: 1, lockSecs: 3600, clientKey: 'owner' });
});

afterAll(() => {
  server.close();
});

/** A request whose userData nests `levels` objects deep: `{"a":{"a":…1…}}`. */
function deeplyNested(url: string, uniqueKey: string, levels = 100_000): string {
  const userData = `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
  return `{"url":"${url}","uniqueKey":"${uniqueKey}","userData":${userData}}`;
}

describe('bad input: a specific status and error type, and nothing changes', () => {
  const big = Buffer.alloc(10 * 1024 * 1024, 'a');
  const tooDeep = /^The request body nests deeper than \d+ levels/;
  const cases: [string, () => Sent, number, string, RegExp?][] = [
    ['head/lock without lockSecs', () => ({ method: 'POST', path: q('/head/lock?limit=1') }), 400, 'invalid-input'],
    ['lockSecs 0', () => ({ method: 'POST', path: q('/head/lock?lockSecs=0') }), 400, 'invalid-input'],
    ['lockSecs not a number', () => ({ method: 'POST', path: q('/head/lock?lockSecs=abc') }), 400, 'invalid-input'],
    ['lockSecs over 24 h', () => ({ method: 'POST', path: q('/head/lock?lockSecs=86401') }), 400, 'invalid-input'],
    [
      'head/lock limit 26',
      () => ({ method: 'POST', path: q('/head/lock?lockSecs=60&limit=26') }),
      400,
      'invalid-input',
    ],
    ['head/lock limit 0', () => ({ method: 'POST', path: q('/head/lock?lockSecs=60&limit=0') }), 400, 'invalid-input'],
    ['head limit 1.5', () => ({ path: q('/head?limit=1.5') }), 400, 'invalid-input'],
    ['clientKey of 33 chars', () => ({ path: q(`/head?clientKey=${'k'.repeat(33)}`) }), 400, 'invalid-client-key'],
    ['empty clientKey', () => ({ path: q('/head?clientKey=') }), 400, 'invalid-client-key'],
    [
      'forefront=maybe',
      () => ({
        method: 'POST',
        path: q('/requests?forefront=maybe'),
        headers: JSON_HEADERS,
        body: '{"url":"https://n.test","uniqueKey":"n"}',
      }),
      400,
      'invalid-input',
    ],
    ['filter=handled', () => ({ path: q('/requests?filter=handled') }), 400, 'invalid-input'],
    ['unknown queue ID', () => ({ path: '/v2/request-queues/NoSuchQueue123456/head' }), 404, 'record-not-found'],
    ["another user's queue name", () => ({ path: '/v2/request-queues/jane~bad-input/head' }), 404, 'record-not-found'],
    ['a crafted queue ID', () => ({ path: '/v2/request-queues/..%2F..%2Fusers/head' }), 404, 'record-not-found'],
    ['a crafted request ID', () => ({ path: q('/requests/a%3Fb%23c') }), 404, 'record-not-found'],
    [
      "PUT with an ID that is not the uniqueKey's",
      () => ({
        method: 'PUT',
        path: q(`/requests/${freeId}`),
        headers: JSON_HEADERS,
        body: '{"url":"https://x.test/z","uniqueKey":"z"}',
      }),
      400,
      'request-id-invalid',
    ],
    [
      'malformed JSON',
      () => ({ method: 'POST', path: q('/requests'), headers: JSON_HEADERS, body: '{"url": ' }),
      400,
      'invalid-request',
    ],
    [
      'a body that is not JSON at all',
      () => ({ method: 'POST', path: q('/requests'), headers: { 'content-type': 'text/plain' }, body: 'hi' }),
      400,
      'invalid-content-type-header',
    ],
    [
      'adding a request with an id',
      () => ({
        method: 'POST',
        path: q('/requests'),
        headers: JSON_HEADERS,
        body: '{"id":"x","url":"https://n.test","uniqueKey":"n"}',
      }),
      400,
      'invalid-input',
    ],
    [
      'a batch that is not an array',
      () => ({ method: 'POST', path: q('/requests/batch'), headers: JSON_HEADERS, body: '{"url":"u"}' }),
      400,
      'invalid-input',
    ],
    [
      'a batch of 26',
      () => ({
        method: 'POST',
        path: q('/requests/batch'),
        headers: JSON_HEADERS,
        body: JSON.stringify(
          Array.from({ length: 26 }, (_, i) => ({ url: `https://n.test/${i}`, uniqueKey: `n${i}` })),
        ),
      }),
      400,
      'invalid-input',
    ],
    [
      'a 10 MiB body',
      () => ({ method: 'POST', path: q('/requests'), headers: JSON_HEADERS, body: big }),
      413,
      'request-too-large',
    ],
    [
      '10 MiB after gzip decompression',
      () => ({
        method: 'POST',
        path: q('/requests'),
        headers: { ...JSON_HEADERS, 'content-encoding': 'gzip' },
        body: gzipSync(big),
      }),
      413,
      'request-too-large',
    ],
    [
      'an unknown Content-Encoding',
      () => ({
        method: 'POST',
        path: q('/requests'),
        headers: { ...JSON_HEADERS, 'content-encoding': 'zstd' },
        body: 'x',
      }),
      415,
      'unsupported-content-encoding',
    ],
    [
      'a corrupt gzip body',
      () => ({
        method: 'POST',
        path: q('/requests'),
        headers: { ...JSON_HEADERS, 'content-encoding': 'gzip' },
        body: 'not gzip',
      }),
      400,
      'invalid-request',
    ],
    [
      'adding a request whose userData nests 100,000 levels',
      () => ({
        method: 'POST',
        path: q('/requests'),
        headers: JSON_HEADERS,
        body: deeplyNested('https://a.example/x', 'x'),
      }),
      400,
      'invalid-input',
      tooDeep,
    ],
    [
      'a batch holding a request whose userData nests 100,000 levels',
      () => ({
        method: 'POST',
        path: q('/requests/batch'),
        headers: JSON_HEADERS,
        body: `[${deeplyNested('https://a.example/x', 'x')}]`,
      }),
      400,
      'invalid-input',
      tooDeep,
    ],
    [
      'updating a request with userData that nests 100,000 levels',
      () => ({
        method: 'PUT',
        path: q(`/requests/${freeId}`),
        headers: JSON_HEADERS,
        body: deeplyNested('https://x.test/b', 'b'),
      }),
      400,
      'invalid-input',
      tooDeep,
    ],
    ['the wrong method', () => ({ method: 'PATCH', path: q('/head') }), 405, 'method-not-allowed'],
    ['an unknown route', () => ({ path: q('/tail') }), 404, 'page-not-found'],
    ['no token', () => ({ path: q('/head'), headers: { authorization: '' } }), 401, 'token-not-provided'],
    [
      'the token in the query string',
      () => ({ path: q(`/head?token=${TOKEN}`), headers: { authorization: '' } }),
      401,
      'token-not-provided',
    ],
    ['a wrong token', () => ({ path: q('/head'), headers: { authorization: 'Bearer nope' } }), 401, 'token-not-valid'],
    [
      'a non-loopback Host',
      () => ({ path: q('/head'), headers: { host: 'attacker.example:8787' } }),
      403,
      'insufficient-permissions',
    ],
    [
      "prolonging another client's lock",
      () => ({ method: 'PUT', path: q(`/requests/${lockedId}/lock?lockSecs=60&clientKey=intruder`) }),
      400,
      'invalid-client-key',
    ],
    [
      "deleting another client's lock",
      () => ({ method: 'DELETE', path: q(`/requests/${lockedId}/lock?clientKey=intruder`) }),
      400,
      'invalid-client-key',
    ],
    [
      "marking another client's locked request handled",
      () => ({
        method: 'PUT',
        path: q(`/requests/${lockedId}?clientKey=intruder`),
        headers: JSON_HEADERS,
        body: '{"url":"https://x.test/a","uniqueKey":"a","handledAt":"2026-01-01T00:00:00.000Z"}',
      }),
      400,
      'invalid-client-key',
    ],
    [
      'prolonging a request that is not locked',
      () => ({ method: 'PUT', path: q(`/requests/${freeId}/lock?lockSecs=60&clientKey=owner`) }),
      400,
      'invalid-input',
    ],
  ];

  it.each(cases)('%s', async (_, build, status, type, message = /./) => {
    const before = snapshot();
    const response = await send(build());
    expect({ status: response.status, type: response.json?.error?.type }).toEqual({ status, type });
    expect(response.json?.error?.message).toMatch(message);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(snapshot()).toEqual(before);
  });
});

describe('limit: decimal digits only; head and lists clamp, head/lock refuses over 25', () => {
  let empty = '';
  beforeAll(() => {
    empty = store.getOrCreateQueue('limits').queue.id;
  });
  const endpoints = {
    head: (query: string) => ({ path: `/v2/request-queues/${empty}/head?${query}` }),
    'head/lock': (query: string) => ({
      method: 'POST',
      path: `/v2/request-queues/${empty}/head/lock?lockSecs=60&${query}`,
    }),
    'list requests': (query: string) => ({ path: `/v2/request-queues/${empty}/requests?${query}` }),
    'list queues': (query: string) => ({ path: `/v2/request-queues?${query}` }),
  } satisfies Record<string, (query: string) => Sent>;
  // [endpoint, query string as sent, status, data.limit — or null for a 400 naming the parameter]
  const cases: [keyof typeof endpoints, string, number, number | null][] = [
    ['head', '', 200, 100],
    ['head', 'limit=1', 200, 1],
    ['head', 'limit=007', 200, 7],
    ['head', 'limit=1000', 200, 1000],
    ['head', 'limit=1001', 200, 1000],
    ['head', 'limit=99999999999999999999', 200, 1000],
    ['head', 'limit=0', 400, null],
    ['head', 'limit=-1', 400, null],
    ['head', 'limit=1.5', 400, null],
    ['head', 'limit=10.0', 400, null],
    ['head', 'limit=1e20', 400, null],
    ['head', 'limit=1e3', 400, null],
    ['head', 'limit=%2B5', 400, null],
    ['head', 'limit=+5', 400, null],
    ['head', 'limit=%205', 400, null],
    ['head', 'limit=5%20', 400, null],
    ['head', 'limit=0x10', 400, null],
    ['head', 'limit=Infinity', 400, null],
    ['head', 'limit=', 400, null],
    ['head/lock', '', 201, 25],
    ['head/lock', 'limit=25', 201, 25],
    ['head/lock', 'limit=26', 400, null],
    ['head/lock', 'limit=99999999999999999999', 400, null],
    ['head/lock', 'limit=10.0', 400, null],
    ['head/lock', 'limit=1e1', 400, null],
    ['list requests', '', 200, 1000],
    ['list requests', 'limit=10001', 200, 10_000],
    ['list requests', 'limit=99999999999999999999', 200, 10_000],
    ['list requests', 'limit=0', 400, null],
    ['list requests', 'limit=1e3', 400, null],
    ['list queues', 'limit=0', 200, 1000],
    ['list queues', 'limit=5', 200, 5],
    ['list queues', 'limit=99999999999999999999', 200, 1000],
    ['list queues', 'limit=1e3', 400, null],
    ['list queues', 'limit=2.5', 400, null],
  ];

  it.each(cases)('%s ?%s → %i, limit %s', async (endpoint, query, status, limit) => {
    const response = await send(endpoints[endpoint](query));
    expect(response.status).toBe(status);
    if (limit === null) {
      expect(response.json?.error).toEqual({ type: 'invalid-input', message: expect.stringContaining('"limit"') });
    } else {
      expect(response.json?.data?.limit).toBe(limit);
    }
  });

  it('clamps a limit too long for a float (400 digits) like any other', async () => {
    const response = await send(endpoints.head(`limit=${'9'.repeat(400)}`));
    expect({ status: response.status, limit: response.json?.data?.limit }).toEqual({ status: 200, limit: 1000 });
  });

  it.each([
    ['offset=99999999999999999999', 200],
    ['offset=1e3', 400],
    ['offset=-1', 400],
  ])('list queues ?%s → %i', async (query, status) => {
    const response = await send({ path: `/v2/request-queues?${query}` });
    expect(response.status).toBe(status);
    if (status === 200) expect(response.json?.data).toMatchObject({ count: 0, items: [] });
    else expect(response.json?.error?.message).toContain('"offset"');
  });
});

describe('wire format', () => {
  it('answers JSON with a data envelope and no CORS headers', async () => {
    const response = await send({ path: q(), headers: { origin: 'https://attacker.example' } });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.json?.data?.id).toBe(queue);
    expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it.each([
    ['br', brotliCompressSync],
    ['gzip', gzipSync],
    ['deflate', deflateSync],
  ] as const)('accepts a %s-compressed body', async (encoding, compress) => {
    const body = compress(Buffer.from(JSON.stringify({ url: `https://c.test/${encoding}`, uniqueKey: encoding })));
    const response = await send({
      method: 'POST',
      path: q('/requests'),
      headers: { ...JSON_HEADERS, 'content-encoding': encoding },
      body,
    });
    expect(response.status).toBe(201);
    expect(response.json?.data).toMatchObject({ wasAlreadyPresent: false });
  });

  it.each([
    ['1', true],
    ['true', true],
    ['0', false],
    ['false', false],
  ])('reads forefront=%s as %s', async (value, front) => {
    const key = `bool-${value}`;
    await send({
      method: 'POST',
      path: q(`/requests?forefront=${value}`),
      headers: JSON_HEADERS,
      body: JSON.stringify({ url: `https://b.test/${key}`, uniqueKey: key }),
    });
    const head = await send({ path: q('/head?limit=1000') });
    const items = (head.json?.data?.items ?? []) as { uniqueKey: string }[];
    const keys = items.map((item) => item.uniqueKey);
    expect(keys[0] === key).toBe(front);
  });

  it('answers 204 with no body to deletes, and honours ?method=', async () => {
    const created = await send({ method: 'POST', path: '/v2/request-queues?name=to-delete' });
    expect(created.status).toBe(201);
    expect(created.headers.location).toMatch(/^\/v2\/request-queues\/[A-Za-z0-9]{17}$/);
    const again = await send({ method: 'POST', path: '/v2/request-queues?name=to-delete' });
    expect(again.status).toBe(200);
    const id = created.json?.data?.id as string;
    const removed = await send({ path: `/v2/request-queues/${id}?method=DELETE` });
    expect(removed.status).toBe(204);
    expect(removed.text).toBe('');
    expect((await send({ path: `/v2/request-queues/${id}` })).status).toBe(404);
  });

  it('serves the local user at /v2/users/me', async () => {
    const response = await send({ path: '/v2/users/me' });
    expect(response.json?.data).toMatchObject({ username: 'local', id: 'HeadlockLocalUser' });
  });
});
