// One crawler process for e2e/ui/ops-cockpit.spec.ts: Crawlee's locking RequestQueue over the real
// apify-client, with a request handler that behaves as the test asks (works, always throws on some
// URLs, or hangs). Run with `node --import tsx`; it prints its clientKey as the first line, then one
// line per request it handles, and can be killed at any time (SIGKILL, as a crashed crawler).
import { Configuration, LogLevel, log, type Request, RequestQueue } from '@crawlee/core';
import { ApifyClient } from 'apify-client';

export interface CrawleeWorkerConfig {
  baseUrl: string;
  token: string;
  queueId: string;
  /** How long the handler works on each request. */
  handleMs: number;
  /** URLs containing this fail every time (after `handleMs`), with the error "HTTP 503". */
  poisonMatch?: string;
  /** The handler never returns (a hung crawler): the first request it gets stays locked. */
  hang?: boolean;
}

/** Crawlee's default: a failing request is retried 3 times, then given up (marked handled). */
const MAX_RETRIES = 3;
const pause = (ms: number) => new Promise((resolvePause) => setTimeout(resolvePause, ms));

async function handle(request: Request, config: CrawleeWorkerConfig) {
  await pause(config.handleMs);
  if (config.hang) await new Promise(() => {});
  if (config.poisonMatch && request.url.includes(config.poisonMatch)) throw new Error('HTTP 503');
}

async function main() {
  const config = JSON.parse(process.env.CRAWLEE_WORKER_CONFIG ?? '') as CrawleeWorkerConfig;
  log.setLevel(LogLevel.OFF);
  const client = new ApifyClient({ baseUrl: config.baseUrl, token: config.token });
  const queue = await RequestQueue.open(config.queueId, { config: new Configuration({ storageClient: client }) });
  process.stdout.write(`${queue.clientKey}\n`);
  while (!(await queue.isFinished())) {
    const request = await queue.fetchNextRequest();
    if (!request) {
      await pause(100);
      continue;
    }
    try {
      await handle(request, config);
      await queue.markRequestHandled(request);
      process.stdout.write(`handled ${request.id}\n`);
    } catch (error) {
      // What Crawlee's BasicCrawler does with a failed request: note the error, retry, then give up.
      request.pushErrorMessage(error);
      if (request.retryCount < MAX_RETRIES) {
        request.retryCount += 1;
        await queue.reclaimRequest(request);
      } else {
        await queue.markRequestHandled(request);
      }
    }
  }
  process.stdout.write('finished\n');
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
