import { Configuration, getRequestId, Logger, LogLevel, log, RequestQueue } from '@crawlee/core';
import { expect, test } from '@playwright/test';
import { ApifyClient } from 'apify-client';
import { freshQueue } from '../support/emulator';
import { E2E_EMULATOR_URL, E2E_TOKEN } from '../support/env';

// Crawlee's locking RequestQueue (v2) against the emulator over HTTP: several instances, each with
// its own random clientKey, drain one queue the way concurrent crawler runs do.

const TOTAL = 400;
const INSTANCES = 4;
const WORKERS_PER_INSTANCE = 2;
/** Every 25th request "fails" once and is reclaimed, so the retry path (PUT then DELETE lock) runs too. */
const failsOnce = (index: number) => index % 25 === 7;

interface LogLine {
  level: LogLevel;
  message: string;
  data: unknown;
}

/** Keeps every line Crawlee logs instead of printing it. */
class CapturingLogger extends Logger {
  readonly lines: LogLine[] = [];
  constructor() {
    super({});
  }
  override _log(level: LogLevel, message: string, data?: unknown) {
    this.lines.push({ level, message, data });
  }
}

/** The API call kinds RequestQueue v2 makes, keyed by method and path shape. */
const CALL_KINDS: [string, RegExp][] = [
  ['POST head/lock', /^POST \/request-queues\/\w+\/head\/lock$/],
  ['GET head', /^GET \/request-queues\/\w+\/head$/],
  ['PUT request lock', /^PUT \/request-queues\/\w+\/requests\/\w+\/lock$/],
  ['DELETE request lock', /^DELETE \/request-queues\/\w+\/requests\/\w+\/lock$/],
  ['POST batch', /^POST \/request-queues\/\w+\/requests\/batch$/],
  ['GET request', /^GET \/request-queues\/\w+\/requests\/\w+$/],
  ['PUT request', /^PUT \/request-queues\/\w+\/requests\/\w+$/],
  ['GET queue', /^GET \/request-queues\/\w+$/],
  ['POST queues', /^POST \/request-queues$/],
];

interface ApiCall {
  kind: string;
  status: number;
  clientKey: string | null;
}

/** An ApifyClient with its default retries (a crawler's setup) that records every response. */
function recordingClient() {
  const client = new ApifyClient({ baseUrl: E2E_EMULATOR_URL, token: E2E_TOKEN });
  const calls: ApiCall[] = [];
  client.httpClient.axios.interceptors.response.use((response) => {
    const url = new URL(String(response.config.url));
    for (const [name, value] of Object.entries(response.config.params ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const line = `${String(response.config.method).toUpperCase()} ${url.pathname.replace(/^.*\/v2/, '')}`;
    const kind = CALL_KINDS.find(([, pattern]) => pattern.test(line))?.[0] ?? line;
    calls.push({ kind, status: response.status, clientKey: url.searchParams.get('clientKey') });
    return response;
  });
  return { client, calls };
}

const tally = (values: string[]) => {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
};

test('four RequestQueue v2 instances drain one queue: each request handled once, no lock warnings', async () => {
  test.setTimeout(120_000);
  const { client, calls } = recordingClient();
  const logger = new CapturingLogger();
  const previousLogOptions = log.getOptions();
  log.setOptions({ logger, level: LogLevel.DEBUG });
  try {
    const { id: queueId } = await freshQueue(client, 'crawlee');
    // A Configuration each, so each open() builds its own instance (StorageManager caches per config).
    const queues = await Promise.all(
      Array.from({ length: INSTANCES }, () =>
        RequestQueue.open(queueId, { config: new Configuration({ storageClient: client }) }),
      ),
    );
    expect(new Set(queues.map((queue) => queue.clientKey)).size).toBe(INSTANCES);
    expect(new Set(queues.map((queue) => queue.id))).toEqual(new Set([queueId]));

    const sources = Array.from({ length: TOTAL }, (_, i) => ({
      url: `https://example.com/crawlee/${i}`,
      userData: { index: i },
    }));
    const [seeder] = queues as [RequestQueue, ...RequestQueue[]];
    const added = await seeder.addRequests(sources);
    expect(added.unprocessedRequests).toEqual([]);
    expect(added.processedRequests).toHaveLength(TOTAL);

    const fetched: string[] = [];
    const handledBy = new Map<string, number[]>();
    const work = async (queue: RequestQueue, instance: number) => {
      while (!(await queue.isFinished())) {
        const request = await queue.fetchNextRequest();
        if (!request) {
          // Everything left is locked by other instances; a crawler's pool would idle here too.
          await new Promise((resolve) => setTimeout(resolve, 10));
          continue;
        }
        expect(request.id).toBe(getRequestId(request.uniqueKey));
        fetched.push(request.id as string);
        const index = (request.userData as { index: number }).index;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
        if (failsOnce(index) && request.retryCount === 0) {
          request.retryCount += 1;
          await queue.reclaimRequest(request);
          continue;
        }
        await queue.markRequestHandled(request);
        handledBy.set(request.id as string, [...(handledBy.get(request.id as string) ?? []), instance]);
      }
    };
    await Promise.all(
      queues.flatMap((queue, instance) => Array.from({ length: WORKERS_PER_INSTANCE }, () => work(queue, instance))),
    );

    // Every request handled exactly once, by one instance; the failing ones fetched exactly twice.
    const expectedIds = sources.map((source) => getRequestId(source.url));
    expect([...handledBy.keys()].sort()).toEqual([...expectedIds].sort());
    const handledTwice = [...handledBy].filter(([, instances]) => instances.length !== 1);
    expect(handledTwice).toEqual([]);
    const fetchCounts = tally(fetched);
    const retried = sources.filter((_, i) => failsOnce(i)).map((source) => getRequestId(source.url));
    for (const id of expectedIds) expect(fetchCounts.get(id), id).toBe(retried.includes(id) ? 2 : 1);
    // The work was really shared.
    expect(new Set([...handledBy.values()].flat()).size).toBe(INSTANCES);

    for (const queue of queues) expect(await queue.isFinished()).toBe(true);
    const info = await client.requestQueue(queueId).get();
    expect(info).toMatchObject({
      totalRequestCount: TOTAL,
      handledRequestCount: TOTAL,
      pendingRequestCount: 0,
      hadMultipleClients: true,
    });
    for (const id of retried) {
      expect((await client.requestQueue(queueId).getRequest(id)) as { retryCount?: number }).toMatchObject({
        retryCount: 1,
      });
    }

    // The emulator served the whole locking protocol, without a single failed call.
    expect(calls.filter((call) => call.status >= 300)).toEqual([]);
    const kinds = tally(calls.map((call) => call.kind));
    for (const kind of ['POST batch', 'POST head/lock', 'PUT request lock', 'GET request', 'PUT request']) {
      expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(0);
    }
    expect(kinds.get('DELETE request lock')).toBe(retried.length);
    // queueHasLockedRequests answered isFinished(); the legacy GET head fallback was never needed.
    expect(kinds.get('GET head') ?? 0).toBe(0);
    const lockingKeys = new Set(calls.filter((call) => call.kind === 'POST head/lock').map((call) => call.clientKey));
    expect(lockingKeys).toEqual(new Set(queues.map((queue) => queue.clientKey)));
    const unknown = [...kinds.keys()].filter((kind) => !CALL_KINDS.some(([name]) => name === kind));
    expect(unknown).toEqual([]);

    const warnings = logger.lines.filter((line) => line.level <= LogLevel.WARNING);
    expect(warnings).toEqual([]);
    expect(logger.lines.filter((line) => /lock/i.test(line.message))).toEqual([]);
  } finally {
    log.setOptions(previousLogOptions);
  }
});
