import { request } from 'node:http';
import { ApifyClient } from 'apify-client';
import {
  CSV_COLUMNS,
  EXPORT_HEADER,
  EXPORT_TOTAL_HEADER,
  type FindResult,
  type ScanPage,
} from '../../lib/inspect/types';
import { requestIdFromUniqueKey } from '../../lib/request-id';
import { actionId } from '../support/server-actions';
import { benchUrl, FIXTURE_QUEUES, INSPECT_QUEUE, INSPECT_SEEDED, type QueueIds } from './fixture';
import { actionCaller } from './gateway';
import { type MemoryFigures, watchMemory } from './memory';
import { type Summary, summarise, timeSequential } from './stats';

const FIND_QUEUE = 'q-1m';
const FIND_ROUNDS = 200;
const MISS_ROUNDS = 50;
const WARM_UP = 10;

/** A run over a whole queue: requests read, how fast, and what it cost the server in memory. */
export interface Throughput {
  requests: number;
  /** How many the queue holds: what `requests` must come to. */
  expected: number;
  wallMs: number;
  perSec: number;
  memory: MemoryFigures;
}
export interface ScanFigures extends Throughput {
  pages: number;
  pageMs: Summary;
  failedFound: number;
  failedSeeded: number;
}
export interface ExportFigures extends Throughput {
  bytes: number;
  firstByteMs: number;
  /** The X-Headlock-Total header: the queue's request count when the export started. */
  totalHeader: number | null;
}
export interface InspectResult {
  find: {
    /** findRequestAction with a uniqueKey of the 1M queue. */
    hit: Summary;
    /** Diagnostic: a text that is nothing in the queue (every candidate tried). */
    miss: Summary;
    /** Diagnostic: apify-client getRequest straight to the emulator, the lookup the action makes. */
    direct: Summary;
  };
  scan: ScanFigures;
  export: { ndjson: ExportFigures; csv: ExportFigures };
}

/** Times `count` calls one after another, after WARM_UP untimed ones. */
async function timeWarm(count: number, fn: (i: number) => Promise<unknown>): Promise<Summary> {
  for (let i = 0; i < WARM_UP; i += 1) await fn(count + i);
  return timeSequential(count, fn);
}

/** Requests spread over the whole queue, the same ones every run. */
const spread = (i: number, size: number) => (i * 7919 + 104_729) % size;

/** What part 7 needs of the bench: a way to run a fresh `next start` on the bench's database, a session. */
export interface InspectOptions {
  /** Starts `next start` (the same database and data directory each time), runs `use`, stops it. */
  withServer: <T>(use: (server: { origin: string; pid: number }) => Promise<T>) => Promise<T>;
  appDir: string;
  token: string;
  ids: QueueIds;
  browserHeaders: Record<string, string>;
  sessionCookie: string;
  log: (line: string) => void;
}
type Options = Omit<InspectOptions, 'withServer'> & { origin: string; pid: number };

async function benchFind(options: Options): Promise<InspectResult['find']> {
  const queueId = options.ids[FIND_QUEUE];
  const call = actionCaller(`${options.origin}/queues/${queueId}`, options.browserHeaders, options.sessionCookie);
  const findAction = actionId(options.appDir, 'lib/actions/inspect.ts', 'findRequestAction');
  const find = (text: string) => call<FindResult>(findAction, [{ queueId, text }]);
  const hit = await timeWarm(FIND_ROUNDS, async (i) => {
    const text = benchUrl(FIND_QUEUE, spread(i, FIXTURE_QUEUES[FIND_QUEUE]));
    const found = (await find(text))?.found;
    if (!found || found.requestId !== requestIdFromUniqueKey(text) || found.matchedAs !== 'uniqueKey') {
      throw new Error(`find ${text}: ${JSON.stringify(found)}`);
    }
  });
  const miss = await timeWarm(MISS_ROUNDS, async (i) => {
    const result = await find(`https://bench.example.com/${FIND_QUEUE}/missing/${i}`);
    if (result?.found !== null) throw new Error(`find of a missing request found ${JSON.stringify(result?.found)}`);
  });
  const client = new ApifyClient({ baseUrl: `${options.origin}/emulator`, token: options.token, maxRetries: 0 });
  const direct = await timeWarm(FIND_ROUNDS, async (i) => {
    const text = benchUrl(FIND_QUEUE, spread(i, FIXTURE_QUEUES[FIND_QUEUE]));
    const got = await client.requestQueue(queueId).getRequest(requestIdFromUniqueKey(text));
    if (got?.uniqueKey !== text) throw new Error(`getRequest for ${text}: ${JSON.stringify(got)}`);
  });
  options.log(
    `inspect find: action p50 ${hit.p50.toFixed(1)} ms (p95 ${hit.p95.toFixed(1)}), miss p50 ${miss.p50.toFixed(1)} ms, getRequest p50 ${direct.p50.toFixed(1)} ms`,
  );
  return { hit, miss, direct };
}

async function benchScan(options: Options): Promise<ScanFigures> {
  const queueId = options.ids[INSPECT_QUEUE];
  const call = actionCaller(`${options.origin}/queues/${queueId}`, options.browserHeaders, options.sessionCookie);
  const scanAction = actionId(options.appDir, 'lib/actions/inspect.ts', 'scanPageAction');
  const scanPage = async (cursor: string | null) => {
    const page = await call<ScanPage>(scanAction, [
      { queueId, view: { filter: 'failed' }, ...(cursor ? { cursor } : {}) },
    ]);
    if (!page) throw new Error('scanPageAction returned no page');
    return page;
  };
  // One untimed page warms the action's code path.
  await scanPage(null);
  const memory = watchMemory(options.pid);
  const samples: number[] = [];
  let cursor: string | null = null;
  let read = 0;
  let failedFound = 0;
  const started = performance.now();
  do {
    const t0 = performance.now();
    const page: ScanPage = await scanPage(cursor);
    samples.push(performance.now() - t0);
    read += page.read;
    failedFound += page.rows.length;
    cursor = page.nextCursor;
  } while (cursor !== null);
  const wallMs = performance.now() - started;
  const figures: ScanFigures = {
    requests: read,
    expected: FIXTURE_QUEUES[INSPECT_QUEUE],
    wallMs,
    perSec: read / (wallMs / 1000),
    memory: memory.stop(),
    pages: samples.length,
    pageMs: summarise(samples, wallMs),
    failedFound,
    failedSeeded: INSPECT_SEEDED.failed,
  };
  // Counts that differ from the fixture's are reported (and fail their goal) rather than thrown.
  options.log(
    `inspect scan: ${read} requests in ${figures.pages} pages, ${figures.perSec.toFixed(0)}/s, ${failedFound} failed, +${figures.memory.growthMB.toFixed(1)} MB`,
  );
  return figures;
}

/** Counts records as they arrive: lines of NDJSON, or CSV records (a newline inside quotes is data). */
function recordCounter(format: 'ndjson' | 'csv') {
  let records = 0;
  let inQuotes = false;
  let lastByte = 0x0a;
  let header = '';
  return {
    push(chunk: Buffer) {
      if (format === 'csv' && records === 0) header += chunk.toString('utf8', 0, Math.min(chunk.length, 1000));
      for (let at = 0; at < chunk.length; ) {
        const quote = format === 'csv' ? chunk.indexOf(0x22, at) : -1;
        const end = quote < 0 ? chunk.length : quote;
        if (!inQuotes) {
          for (let nl = chunk.indexOf(0x0a, at); nl >= 0 && nl < end; nl = chunk.indexOf(0x0a, nl + 1)) records += 1;
        }
        if (quote < 0) break;
        inQuotes = !inQuotes;
        at = quote + 1;
      }
      if (chunk.length > 0) lastByte = chunk[chunk.length - 1] as number;
    },
    /** Records in the body; for CSV without its header row, which is checked against CSV_COLUMNS. */
    finish(): number {
      const total = records + Number(lastByte !== 0x0a);
      if (format === 'ndjson') return total;
      const firstLine = header.split(/\r?\n/)[0] ?? '';
      if (firstLine !== CSV_COLUMNS.join(',')) throw new Error(`CSV header is ${JSON.stringify(firstLine)}`);
      return total - 1;
    },
  };
}

function exportOnce(options: Options, queueId: string, format: 'ndjson' | 'csv') {
  const url = new URL(`${options.origin}/queues/${queueId}/export?format=${format}&filter=all`);
  return new Promise<Omit<ExportFigures, 'memory' | 'perSec' | 'expected'>>((resolveExport, reject) => {
    const counter = recordCounter(format);
    let bytes = 0;
    let firstByteMs = Number.NaN;
    const started = performance.now();
    const req = request(
      url,
      { headers: { cookie: options.sessionCookie, [EXPORT_HEADER]: '1', accept: '*/*' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          if (Number.isNaN(firstByteMs)) firstByteMs = performance.now() - started;
          bytes += chunk.length;
          if (res.statusCode === 200) counter.push(chunk);
          else chunks.push(chunk);
        });
        res.on('end', () => {
          if (res.statusCode !== 200) {
            reject(new Error(`export answered ${res.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 300)}`));
            return;
          }
          try {
            const total = res.headers[EXPORT_TOTAL_HEADER];
            resolveExport({
              requests: counter.finish(),
              wallMs: performance.now() - started,
              bytes,
              firstByteMs,
              totalHeader: typeof total === 'string' ? Number(total) : null,
            });
          } catch (error) {
            reject(error);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function benchExport(options: Options, format: 'ndjson' | 'csv'): Promise<ExportFigures> {
  // An untimed export of the small queue warms the route.
  await exportOnce(options, options.ids['page-2k'], format);
  const memory = watchMemory(options.pid);
  const run = await exportOnce(options, options.ids[INSPECT_QUEUE], format);
  const figures: ExportFigures = {
    ...run,
    expected: FIXTURE_QUEUES[INSPECT_QUEUE],
    perSec: run.requests / (run.wallMs / 1000),
    memory: memory.stop(),
  };
  options.log(
    `inspect export ${format}: ${run.requests} rows, ${(run.bytes / 1e6).toFixed(1)} MB in ${(run.wallMs / 1000).toFixed(2)} s, ${figures.perSec.toFixed(0)}/s, +${figures.memory.growthMB.toFixed(1)} MB`,
  );
  return figures;
}

/**
 * Part 7: inspection at scale (issue 12), through the dashboard's actions and export route. Each
 * figure comes from its own fresh server, so that no run's memory growth is hidden by a heap an
 * earlier run (or part) has already grown.
 */
export async function benchInspect({ withServer, ...shared }: InspectOptions): Promise<InspectResult> {
  const on = <T>(run: (options: Options) => Promise<T>) => withServer((server) => run({ ...shared, ...server }));
  const find = await on(benchFind);
  const scan = await on(benchScan);
  const ndjson = await on((options) => benchExport(options, 'ndjson'));
  const csv = await on((options) => benchExport(options, 'csv'));
  return { find, scan, export: { ndjson, csv } };
}
