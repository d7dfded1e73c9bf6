import { Agent, request } from 'node:http';
import type { FixtureQueue, QueueIds } from './fixture';
import { type Summary, summarise } from './stats';
import { LOCK } from './store';

/** `me` is GET /v2/users/me, which reads no queue: the server's own per-request cost. */
export type Kind = 'head' | 'lock' | 'me';

interface LoadOptions {
  /** Where `/v2/...` lives: the standalone origin, or `<next origin>/emulator`. */
  baseUrl: string;
  token: string;
  queueId: string;
  kind: Kind;
  clients: number;
  calls: number;
}

/**
 * `clients` concurrent clients, each with its own clientKey and keep-alive connection, sharing
 * `calls` calls between them. A bare node:http client keeps the load generator's own cost low.
 */
export async function load(options: LoadOptions): Promise<Summary> {
  const { baseUrl, token, queueId, kind, clients, calls } = options;
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const samples: number[] = [];
  let issued = 0;
  const call = (clientKey: string) =>
    new Promise<void>((resolveCall, reject) => {
      const path =
        kind === 'lock'
          ? `/v2/request-queues/${queueId}/head/lock?lockSecs=${LOCK.lockSecs}&limit=${LOCK.limit}&clientKey=${clientKey}`
          : kind === 'head'
            ? `/v2/request-queues/${queueId}/head?limit=${LOCK.limit}&clientKey=${clientKey}`
            : '/v2/users/me';
      const url = new URL(`${baseUrl}${path}`);
      const t0 = performance.now();
      const req = request(
        url,
        { method: kind === 'lock' ? 'POST' : 'GET', agent, headers: { authorization: `Bearer ${token}` } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            samples.push(performance.now() - t0);
            const body = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== (kind === 'lock' ? 201 : 200)) {
              reject(new Error(`${kind} answered ${res.statusCode}: ${body.slice(0, 300)}`));
              return;
            }
            const { items } = (JSON.parse(body) as { data: { items?: unknown[] } }).data;
            if (kind !== 'me' && items?.length !== LOCK.limit)
              reject(new Error(`${kind} returned ${items?.length} items`));
            else resolveCall();
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
  const client = async (index: number) => {
    const clientKey = `bench-${kind}-${clients}-${index}`;
    while (issued < calls) {
      issued += 1;
      await call(clientKey);
    }
  };
  try {
    // One call per client first opens the connections and registers the clientKeys, untimed.
    await Promise.all(Array.from({ length: clients }, (_, i) => call(`bench-${kind}-${clients}-${i}`)));
    samples.length = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
    return summarise(samples, performance.now() - started);
  } finally {
    agent.destroy();
  }
}

export const CONCURRENCY = [1, 8, 32] as const;
/** Lock calls per concurrency level: 2,000 × 25 = 50,000 of each 100k queue's requests. */
export const HTTP_LOCK_CALLS = 2000;
export const HTTP_HEAD_CALLS = 2000;
/** Growth over HTTP: one client, about as many lock calls as the 10k queue can serve (one is untimed). */
export const GROWTH_CALLS = 390;
export const GROWTH_SIZES = [
  ['10k', 'q-10k'],
  ['100k', 'q-100k'],
  ['1M', 'q-1m'],
] as const satisfies readonly (readonly [string, FixtureQueue])[];

export interface HttpResult {
  head: Record<number, Summary>;
  lock: Record<number, Summary>;
  growth: Record<string, Summary>;
  /** Diagnostic: GET /v2/users/me with 8 clients, the ceiling the server's request handling sets. */
  ceiling: Summary;
}

const LOCK_QUEUES: Record<(typeof CONCURRENCY)[number], FixtureQueue> = { 1: 'http-c1', 8: 'http-c8', 32: 'http-c32' };

/** Part 2 against one server (standalone or mounted in next start), on its own copy of the fixture. */
export async function benchHttp(
  baseUrl: string,
  token: string,
  ids: QueueIds,
  label: string,
  log: (line: string) => void,
): Promise<HttpResult> {
  // Warm the server (JIT, SQLite page cache of the small queue) before anything is timed.
  await load({ baseUrl, token, queueId: ids['warm-5k'], kind: 'lock', clients: 4, calls: 150 });
  const ceiling = await load({ baseUrl, token, queueId: '', kind: 'me', clients: 8, calls: HTTP_HEAD_CALLS });
  const result: HttpResult = { head: {}, lock: {}, growth: {}, ceiling };
  for (const clients of CONCURRENCY) {
    const queueId = ids[LOCK_QUEUES[clients]];
    result.head[clients] = await load({ baseUrl, token, queueId, kind: 'head', clients, calls: HTTP_HEAD_CALLS });
    result.lock[clients] = await load({ baseUrl, token, queueId, kind: 'lock', clients, calls: HTTP_LOCK_CALLS });
    log(
      `http ${label} ×${clients}: head ${result.head[clients].perSec.toFixed(0)}/s, lock ${result.lock[clients].perSec.toFixed(0)}/s`,
    );
  }
  for (const [size, queue] of GROWTH_SIZES) {
    result.growth[size] = await load({
      baseUrl,
      token,
      queueId: ids[queue],
      kind: 'lock',
      clients: 1,
      calls: GROWTH_CALLS,
    });
  }
  log(`http ${label} growth: ${GROWTH_SIZES.map(([s]) => `${s} ${result.growth[s]?.perSec.toFixed(0)}/s`).join(', ')}`);
  return result;
}
