import { ApifyClient } from 'apify-client';
import { actionId, actionResult } from '../support/server-actions';
import { type Summary, summarise, timeSequential } from './stats';
import { LOCK } from './store';

/** The queue page's default head size, which its snapshot action asks for. */
const SNAPSHOT_HEAD = 100;
/** The gateway shows at most this many locks (lib/apify/queues.ts). */
const LOCKS_SHOWN = 100;
const ROUNDS = 200;
const WARM_UP = 10;

export interface GatewayPair {
  direct: Summary;
  action: Summary;
}
export interface GatewayResult {
  snapshot: GatewayPair;
  lock: GatewayPair;
  /** Diagnostic: getSessionAction, which makes no upstream call: the action round trip alone. */
  sessionOnly: Summary;
}

// Headers the fetch implementation sets itself, or which the replay replaces.
const DROPPED = new Set(['host', 'connection', 'content-length', 'next-action', 'cookie']);

/**
 * A server action called the way React's client calls it: POST to the page's URL with the
 * `Next-Action` header and the arguments as a JSON array in a text/plain body, with the headers
 * Chromium sent on the queue page (router state tree, origin, …) and the browser's session cookie.
 */
export function actionCaller(pageUrl: string, browserHeaders: Record<string, string>, cookie: string) {
  const base = Object.fromEntries(Object.entries(browserHeaders).filter(([name]) => !DROPPED.has(name.toLowerCase())));
  return async <T = { items?: unknown[] }>(id: string, args: unknown[]): Promise<T | undefined> => {
    const response = await fetch(pageUrl, {
      method: 'POST',
      headers: { ...base, 'next-action': id, cookie },
      body: JSON.stringify(args),
    });
    const text = await response.text();
    // Row 1 of the flight payload is the action's return value, an ActionResult.
    const result = actionResult(text) as { ok: boolean; data?: T } | undefined;
    if (response.status !== 200 || !result?.ok) {
      throw new Error(`server action answered ${response.status}: ${text.slice(0, 300)}`);
    }
    return result.data;
  };
}

/** Runs `a` and `b` alternately, swapping which goes first each round, and times each. */
async function interleaved(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<GatewayPair> {
  for (let i = 0; i < WARM_UP; i += 1) {
    await a();
    await b();
  }
  const samples: [number[], number[]] = [[], []];
  const time = async (fn: () => Promise<unknown>, into: number[]) => {
    const t0 = performance.now();
    await fn();
    into.push(performance.now() - t0);
  };
  for (let i = 0; i < ROUNDS; i += 1) {
    if (i % 2 === 0) {
      await time(a, samples[0]);
      await time(b, samples[1]);
    } else {
      await time(b, samples[1]);
      await time(a, samples[0]);
    }
  }
  // Throughput is not the point here (the calls alternate): only the latencies are reported.
  const sum = (values: number[]) => values.reduce((x, y) => x + y, 0);
  return { direct: summarise(samples[0], sum(samples[0])), action: summarise(samples[1], sum(samples[1])) };
}

/** Part 3: the queue-snapshot and lock-head server actions against apify-client straight to the emulator. */
export async function benchGateway(options: {
  origin: string;
  appDir: string;
  token: string;
  queueId: string;
  browserHeaders: Record<string, string>;
  sessionCookie: string;
  log: (line: string) => void;
}): Promise<GatewayResult> {
  const { origin, appDir, token, queueId, log } = options;
  const callAction = actionCaller(`${origin}/queues/${queueId}`, options.browserHeaders, options.sessionCookie);
  const snapshotAction = actionId(appDir, 'lib/actions/queues.ts', 'getQueueSnapshotAction');
  const lockAction = actionId(appDir, 'lib/actions/locks.ts', 'lockHeadAction');

  // The same settings as the gateway's clients (lib/apify/client.ts): retries for reads, none for locks.
  const settings = { baseUrl: `${origin}/emulator`, token, minDelayBetweenRetriesMillis: 300, timeoutSecs: 15 };
  const reads = new ApifyClient({ ...settings, maxRetries: 2 });
  const writes = new ApifyClient({ ...settings, maxRetries: 0 });
  const clientKey = 'bench-direct';

  const snapshot = await interleaved(
    () =>
      Promise.all([
        reads.requestQueue(queueId).get(),
        reads.requestQueue(queueId, { clientKey }).listHead({ limit: SNAPSHOT_HEAD }),
        reads.requestQueue(queueId, { clientKey }).listRequests({ filter: ['locked'], limit: LOCKS_SHOWN }),
      ]),
    () => callAction(snapshotAction, [{ queueId, limit: SNAPSHOT_HEAD }]),
  );
  log(
    `gateway snapshot: direct p50 ${snapshot.direct.p50.toFixed(1)} ms, action p50 ${snapshot.action.p50.toFixed(1)} ms`,
  );
  const lock = await interleaved(
    async () => {
      const { items } = await writes.requestQueue(queueId, { clientKey }).listAndLockHead(LOCK);
      if (items.length !== LOCK.limit) throw new Error(`direct lock returned ${items.length} items`);
    },
    async () => {
      const data = await callAction(lockAction, [{ queueId, ...LOCK }]);
      if (data?.items?.length !== LOCK.limit) throw new Error(`lock action returned ${data?.items?.length} items`);
    },
  );
  log(`gateway lock: direct p50 ${lock.direct.p50.toFixed(1)} ms, action p50 ${lock.action.p50.toFixed(1)} ms`);
  const sessionAction = actionId(appDir, 'lib/actions/session.ts', 'getSessionAction');
  for (let i = 0; i < WARM_UP; i += 1) await callAction(sessionAction, []);
  const sessionOnly = await timeSequential(ROUNDS, () => callAction(sessionAction, []));
  return { snapshot, lock, sessionOnly };
}
