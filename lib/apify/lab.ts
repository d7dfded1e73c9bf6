import 'server-only';
import { randomBytes } from 'node:crypto';
import type { RequestQueueClientRequestSchema } from 'apify-client';
import { MAX_BATCH_SIZE } from '../api-contract';
import { adoptLabQueueInput, labQueueInput, newLabQueueInput } from '../lab/inputs';
import type { LabQueue } from '../lab/types';
import { apifyClient } from './client';
import { type GatewayContext, GatewayFailure, gatewayCall, plainQueue, queueMissing } from './gateway';
import { labsOf, MAX_LAB_QUEUE_REQUESTS, tooBig } from './lab-access';
import { type LabScope, newLanes } from './lab-registry';

// The lock lab's queues: a new one made for it, or an existing one the user confirmed ("adopted").

/** How many names a new lab queue tries before giving up (the first is the time, then with a suffix). */
const NAME_ATTEMPTS = 4;

/** `lab-YYYYMMDD-HHMMSS` (UTC). */
const timeName = (at: Date) => `lab-${at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}`;
const suffix = () => randomBytes(3).toString('hex');

const labUrl = (n: number) => `https://example.com/lab/r${n}`;

type NewRequest = Omit<RequestQueueClientRequestSchema, 'id'>;
type Queue = Awaited<ReturnType<ReturnType<ReturnType<typeof apifyClient>['requestQueues']>['getOrCreate']>>;

/**
 * A new, empty queue. `POST /request-queues?name=` answers with the existing queue when the name is
 * taken (apify-client hides the 200/201), so a queue that holds requests, has had clients or is
 * already a lab queue is not the one just made: another name is tried.
 */
async function freshQueue(ctx: GatewayContext, scope: LabScope, isLab: (queueId: string) => boolean): Promise<Queue> {
  const base = timeName(new Date());
  const collection = apifyClient(ctx.target).requestQueues();
  for (let attempt = 0; attempt < NAME_ATTEMPTS; attempt += 1) {
    const queue = await collection.getOrCreate(attempt === 0 ? base : `${base}-${suffix()}`);
    if (queue.totalRequestCount === 0 && queue.hadMultipleClients !== true && !isLab(queue.id)) return queue;
  }
  throw new GatewayFailure({
    code: 'internal',
    message: `Every name tried for a new lab queue (${base}…) is taken by another queue of ${scope.account}. Try again.`,
  });
}

const incomplete = (name: string) =>
  new GatewayFailure({
    code: 'upstream-unavailable',
    message: `The API did not take every request of the new queue "${name}": it is not a lab queue. Delete it, or try again.`,
  });

/**
 * Adds the lab's requests, all as lane A (so the queue keeps one client), such that its head reads
 * r1, r2, … r(N−H): the normal ones in batches, in order (one call at a time), then the forefront ones
 * one by one from the last to r1 (forefront adds are LIFO; their order inside one batch is not
 * documented), then the handled ones. Returns the IDs of the forefront ones, r1 first.
 */
async function seed(
  ctx: GatewayContext,
  queue: Queue,
  laneA: string,
  args: { requests: number; forefront: number; handled: number },
) {
  const keyed = apifyClient(ctx.target).requestQueue(queue.id, { clientKey: laneA });
  const requestNo = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const request = (n: number): NewRequest => ({ url: labUrl(n), uniqueKey: labUrl(n) });
  const addInBatches = async (requests: NewRequest[]) => {
    for (let i = 0; i < requests.length; i += MAX_BATCH_SIZE) {
      const result = await keyed.batchAddRequests(requests.slice(i, i + MAX_BATCH_SIZE), { maxParallel: 1 });
      if (result.unprocessedRequests.length > 0) throw incomplete(queue.name ?? queue.id);
    }
  };
  const pendingEnd = args.requests - args.handled;
  await addInBatches(requestNo(args.forefront + 1, pendingEnd).map(request));
  const forefrontIds: string[] = [];
  for (const n of requestNo(1, args.forefront).reverse()) {
    const added = await keyed.addRequest(request(n), { forefront: true });
    forefrontIds.unshift(added.requestId);
  }
  const handledAt = new Date().toISOString();
  await addInBatches(requestNo(pendingEnd + 1, args.requests).map((n) => ({ ...request(n), handledAt })));
  return forefrontIds;
}

/** Creates a new lab queue: on Apify only once the user confirmed it is made on their account. */
export function createLabQueue(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, newLabQueueInput, input, { write: true }, async (args): Promise<LabQueue> => {
    if (ctx.target.name === 'apify' && !args.confirmed) {
      throw new GatewayFailure({
        code: 'needs-acknowledgement',
        message: `This creates a new request queue named lab-<date>-<time> with ${args.requests} requests on your Apify account (it stays there until you delete it), and the lab runs up to four clients on it. Confirm to create it.`,
      });
    }
    const { labs, scope } = labsOf(ctx);
    const queue = await freshQueue(ctx, scope, (queueId) => labs.registry.get(scope, queueId) !== null);
    const lanes = newLanes();
    const seededForefront = await seed(ctx, queue, lanes[0]?.clientKey as string, args);
    labs.registry.add(scope, {
      queueId: queue.id,
      name: queue.name ?? null,
      createdByLab: true,
      createdAt: new Date().toISOString(),
      lanes,
      seededForefront,
    });
    return labs.registry.get(scope, queue.id) as LabQueue;
  });
}

/** The queue's lab entry; null when the queue exists but is not a lab queue. */
export function getLabQueue(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, labQueueInput, input, { write: false }, async ({ queueId }): Promise<LabQueue | null> => {
    const { labs, scope } = labsOf(ctx);
    if (!(await plainQueue(ctx, queueId).get())) throw queueMissing();
    return labs.registry.get(scope, queueId);
  });
}

/**
 * Makes an existing queue a lab queue (the user confirmed it). Registering changes nothing upstream,
 * so a read-only session may; the lab's lanes only touch it when steps run. Idempotent.
 */
export function adoptLabQueue(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, adoptLabQueueInput, input, { write: false }, async ({ queueId }): Promise<LabQueue> => {
    const { labs, scope } = labsOf(ctx);
    const queue = await plainQueue(ctx, queueId).get();
    if (!queue) throw queueMissing();
    const known = labs.registry.get(scope, queue.id);
    if (known) return known;
    if (queue.totalRequestCount > MAX_LAB_QUEUE_REQUESTS) throw tooBig(queue.totalRequestCount);
    labs.registry.add(scope, {
      queueId: queue.id,
      name: queue.name ?? null,
      createdByLab: false,
      createdAt: new Date().toISOString(),
      lanes: newLanes(),
      seededForefront: [],
    });
    return labs.registry.get(scope, queue.id) as LabQueue;
  });
}
