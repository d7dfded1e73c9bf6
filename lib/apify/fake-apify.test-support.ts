import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayContext } from './gateway';

// Test support only: a scripted stand-in for api.apify.com that records what it is sent.

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export type Reply =
  | { status: number; json?: unknown; text?: string; headers?: Record<string, string> }
  /** Never answer (the socket stays open until the server closes). */
  | 'hang'
  | ((request: RecordedRequest) => Reply);

export interface FakeApify {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Replies used in order, one per request; after that `fallback` answers. */
  script(...replies: Reply[]): void;
  fallback: Reply;
  close(): Promise<void>;
}

/** The platform's error envelope. */
export const apiError = (status: number, type: string, message: string, headers?: Record<string, string>): Reply => ({
  status,
  json: { error: { type, message } },
  ...(headers ? { headers } : {}),
});

export const apiData = (data: unknown, status = 200): Reply => ({ status, json: { data } });

function answer(res: ServerResponse, reply: Reply, request: RecordedRequest, hanging: Set<ServerResponse>) {
  if (reply === 'hang') return hanging.add(res);
  if (typeof reply === 'function') return answer(res, reply(request), request, hanging);
  const body = reply.json === undefined ? (reply.text ?? '') : JSON.stringify(reply.json);
  res.writeHead(reply.status, {
    // One exchange per connection, so closing the server never cuts off an answer already on its way.
    connection: 'close',
    ...(reply.json === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    ...reply.headers,
  });
  res.end(body);
}

export async function startFakeApify(): Promise<FakeApify> {
  const queue: Reply[] = [];
  const hanging = new Set<ServerResponse>();
  const fake: Omit<FakeApify, 'baseUrl'> = {
    requests: [],
    script: (...replies) => queue.push(...replies),
    fallback: apiError(500, 'internal-server-error', 'No reply was scripted for this call'),
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
  const server = createServer((req, res) => {
    const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
    // The body is drained so the client sees a normal exchange; tests here assert on URLs and headers.
    req.resume();
    req.on('end', () => {
      fake.requests.push(recorded);
      answer(res, queue.shift() ?? fake.fallback, recorded, hanging);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, { baseUrl: `http://127.0.0.1:${port}` });
}

/** A gateway context for the Apify target pointed at `fake`: writes armed, reads acknowledged, 5 s budget. */
export const fakeApifyContext = (
  fake: FakeApify,
  token: string,
  overrides: Partial<GatewayContext> = {},
): GatewayContext => ({
  target: { name: 'apify', baseUrl: fake.baseUrl, token },
  clientKey: 'headlock-test',
  writesArmed: true,
  acknowledges: () => true,
  budgetMs: 5000,
  ...overrides,
});

/** A queue as the platform describes it (GET /v2/request-queues/:id), for scripted answers. */
export const FAKE_QUEUE_ID = 'WkzbQMuFYuamGv3YF';
export const fakeQueueData = (hadMultipleClients: boolean) => ({
  id: FAKE_QUEUE_ID,
  name: 'shop',
  createdAt: '2026-01-01T00:00:00.000Z',
  modifiedAt: '2026-01-01T00:00:00.000Z',
  accessedAt: '2026-01-01T00:00:00.000Z',
  totalRequestCount: 3,
  handledRequestCount: 1,
  pendingRequestCount: 2,
  hadMultipleClients,
});
