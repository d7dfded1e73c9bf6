import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../lib/emulator/db';
import { randomObjectId } from '../../lib/emulator/ids';
import { ClientState } from '../../lib/emulator/store/rows';
import { requestIdFromUniqueKey } from '../../lib/request-id';

/** Every queue the bench uses, filled once into one SQLite file that each consumer copies. */
export const FIXTURE_QUEUES = {
  'warm-5k': 5_000,
  'q-10k': 10_000,
  'q-100k': 100_000,
  'q-1m': 1_000_000,
  'http-c1': 100_000,
  'http-c8': 100_000,
  'http-c32': 100_000,
  'gateway-100k': 100_000,
  'page-2k': 2_000,
  // Inspection (issue 12): scanned for failures and exported; nothing writes to it.
  'inspect-100k': 100_000,
} as const;
export type FixtureQueue = keyof typeof FIXTURE_QUEUES;
export type QueueIds = Record<FixtureQueue, string>;

// Bump when the generator changes; the schema file is part of the cache key as well.
const GENERATOR_VERSION = '2';
export const CACHE_DIR = resolve('bench-results', 'cache');

export const benchUrl = (queue: string, i: number) => `https://bench.example.com/${queue}/page/${i}`;

/** The queue whose requests carry a history: some handled, some failed (retried, with error messages). */
export const INSPECT_QUEUE = 'inspect-100k' satisfies FixtureQueue;
/** Every 20th request of the inspect queue has failed 1–3 times; every 7th is handled (some of both). */
const FAILED_EVERY = 20;
const HANDLED_EVERY = 7;
const isFailed = (i: number) => i % FAILED_EVERY === 3;
const isHandled = (i: number) => i % HANDLED_EVERY === 5;
const count = (size: number, pick: (i: number) => boolean) => {
  let n = 0;
  for (let i = 0; i < size; i += 1) n += Number(pick(i));
  return n;
};
/** What the inspect queue was seeded with, for the bench to check the scan against. */
export const INSPECT_SEEDED = {
  failed: count(FIXTURE_QUEUES[INSPECT_QUEUE], isFailed),
  handled: count(FIXTURE_QUEUES[INSPECT_QUEUE], isHandled),
};

interface History {
  retryCount: number;
  handledAt: string | null;
  extra: string;
}
const NO_HISTORY: History = { retryCount: 0, handledAt: null, extra: '{}' };

/** A request's retries, error messages (as Crawlee writes them: message and stack) and handling. */
function history(i: number, url: string, handledAt: string): History {
  if (!isFailed(i) && !isHandled(i)) return NO_HISTORY;
  const retryCount = isFailed(i) ? 1 + (Math.floor(i / FAILED_EVERY) % 3) : 0;
  const errorMessages = Array.from(
    { length: retryCount },
    (_, attempt) =>
      `Error: Navigation timed out after 30 seconds (attempt ${attempt + 1}) on ${url}\n    at PlaywrightCrawler._handleNavigation (node_modules/@crawlee/browser/internals/browser-crawler.js:412:23)`,
  );
  return {
    retryCount,
    handledAt: isHandled(i) ? handledAt : null,
    extra: JSON.stringify({ userData: { label: 'DETAIL' }, ...(retryCount > 0 ? { errorMessages } : {}) }),
  };
}

function cacheKey(): string {
  const schema = readFileSync(resolve('lib', 'emulator', 'db.ts'), 'utf8');
  return createHash('sha256')
    .update(`${GENERATOR_VERSION}\n${JSON.stringify(FIXTURE_QUEUES)}\n${schema}`)
    .digest('hex')
    .slice(0, 12);
}

/**
 * Writes a queue the way `batchAddRequests` would have, but in one transaction: ordering keys
 * `order_no = +ms` (25 requests per millisecond, all in the past) and `order_seq` increasing,
 * `next_seq` past the last one, counts matching the rows. Rows go in in queue order, as adds would
 * have put them.
 */
function fillQueue(db: ReturnType<typeof openDatabase>, name: string, size: number, now: number) {
  const queueId = randomObjectId();
  const firstMs = now - Math.ceil(size / 25) - 60_000;
  db.prepare(
    `INSERT INTO queues (id, name, created_at, modified_at, accessed_at, total_count, handled_count, write_count, next_seq)
     VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)`,
  ).run(queueId, name, firstMs, now, now, size, size, size + 1);
  const rows = Array.from({ length: size }, (_, i) => {
    const url = benchUrl(name, i);
    return { id: requestIdFromUniqueKey(url), url, i };
  });
  const insert = db.prepare(
    `INSERT INTO requests (queue_id, id, unique_key, url, method, retry_count, handled_at, order_no, order_seq, extra)
     VALUES (?, ?, ?, ?, 'GET', ?, ?, ?, ?, ?)`,
  );
  const handledAt = new Date(now - 30_000).toISOString();
  let handled = 0;
  for (const row of rows) {
    const past = name === INSPECT_QUEUE ? history(row.i, row.url, handledAt) : NO_HISTORY;
    handled += Number(past.handledAt !== null);
    // A handled request leaves the head: its ordering key is NULL.
    const orderNo = past.handledAt === null ? firstMs + Math.floor(row.i / 25) : null;
    insert.run(queueId, row.id, row.url, row.url, past.retryCount, past.handledAt, orderNo, row.i + 1, past.extra);
  }
  // The inspect queue was crawled by several clients (hadMultipleClients): reading it with a clientKey,
  // as a scan or an export does, needs no acknowledgement then.
  const clients = name === INSPECT_QUEUE ? ClientState.MultipleClients : ClientState.NoClient;
  db.prepare('UPDATE queues SET handled_count = ?, client_state = ? WHERE id = ?').run(handled, clients, queueId);
}

/** The cached fixture file, generated when missing (about 20 s); stale ones are removed. */
export function ensureFixture(log: (line: string) => void): string {
  mkdirSync(CACHE_DIR, { recursive: true });
  const file = join(CACHE_DIR, `fixture-${cacheKey()}.sqlite`);
  if (existsSync(file)) return file;
  for (const entry of readdirSync(CACHE_DIR)) {
    if (entry.startsWith('fixture-')) rmSync(join(CACHE_DIR, entry), { force: true });
  }
  const started = performance.now();
  const draft = `${file}.${process.pid}.draft`;
  const db = openDatabase(draft);
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const now = Date.now();
  db.transaction(() => {
    for (const [name, size] of Object.entries(FIXTURE_QUEUES)) fillQueue(db, name, size, now);
  })();
  db.close();
  renameSync(draft, file);
  const rows = Object.values(FIXTURE_QUEUES).reduce((a, b) => a + b, 0);
  log(
    `fixture: ${rows.toLocaleString('en')} requests generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return file;
}

/** A private copy of the fixture for one consumer (the store, the standalone server, next start). */
export function copyFixture(fixture: string, dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  copyFileSync(fixture, file);
  return file;
}

export function readQueueIds(file: string): QueueIds {
  const db = openDatabase(file);
  try {
    const rows = db.prepare('SELECT id, name FROM queues').all() as { id: string; name: string }[];
    const ids = Object.fromEntries(rows.map((row) => [row.name, row.id]));
    for (const name of Object.keys(FIXTURE_QUEUES)) {
      if (!ids[name]) throw new Error(`fixture ${file} has no queue ${name}`);
    }
    return ids as QueueIds;
  } finally {
    db.close();
  }
}
