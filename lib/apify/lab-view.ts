import 'server-only';
import { labQueueInput } from '../lab/inputs';
import type { LabRequest, LabView } from '../lab/types';
import type { RequestDetail } from '../types';
import { apifyClient } from './client';
import { toQueueSummary, toRequestDetail } from './dto';
import { type GatewayContext, gatewayCall, plainQueue, queueMissing } from './gateway';
import { labQueueOf, laneKey, MAX_LAB_QUEUE_REQUESTS, tooBig } from './lab-access';

const LABEL_MAX = 24;

/** The URL's last path segment (the lab's own requests are r1, r2, …), else the request's ID. */
export function labelOf(url: string, id: string): string {
  try {
    const segment = new URL(url).pathname.split('/').at(-1) ?? '';
    return segment.length >= 1 && segment.length <= LABEL_MAX ? segment : id;
  } catch {
    return id;
  }
}

function toLabRequest(request: RequestDetail): LabRequest {
  const latest = request.errorMessages.at(-1);
  return {
    id: request.id,
    label: labelOf(request.url, request.id),
    url: request.url,
    handledAt: request.handledAt,
    retryCount: request.retryCount,
    lastError: latest === undefined ? null : (latest.split(/\r?\n/, 1)[0] ?? ''),
    lockExpiresAt: request.lockExpiresAt,
    lockByClient: request.lockByClient,
  };
}

/**
 * The whole lab queue at one moment: the queue (no clientKey), its head and every page of its
 * requests, both read as lane A, so that watching the lab adds no client to the queue.
 */
export function getLabView(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, labQueueInput, input, { write: false }, async ({ queueId }): Promise<LabView> => {
    const lab = labQueueOf(ctx, queueId);
    const asLaneA = apifyClient(ctx.target).requestQueue(queueId, { clientKey: laneKey(lab, 'A') });
    const [queue, head, firstPage] = await Promise.all([
      plainQueue(ctx, queueId).get(),
      asLaneA.listHead({ limit: MAX_LAB_QUEUE_REQUESTS }),
      asLaneA.listRequests({ limit: MAX_LAB_QUEUE_REQUESTS }),
    ]);
    if (!queue) throw queueMissing();
    if (queue.totalRequestCount > MAX_LAB_QUEUE_REQUESTS) throw tooBig(queue.totalRequestCount);
    const items = [...firstPage.items];
    let cursor = firstPage.nextCursor;
    while (cursor) {
      if (items.length > MAX_LAB_QUEUE_REQUESTS) throw tooBig(items.length);
      const page = await asLaneA.listRequests({ limit: MAX_LAB_QUEUE_REQUESTS, cursor });
      items.push(...page.items);
      cursor = page.nextCursor;
    }
    if (items.length > MAX_LAB_QUEUE_REQUESTS) throw tooBig(items.length);
    const summary = toQueueSummary(queue);
    return {
      queueId: summary.id,
      name: summary.name,
      totalRequestCount: summary.totalRequestCount,
      handledRequestCount: summary.handledRequestCount,
      pendingRequestCount: summary.pendingRequestCount,
      // The head was read after the queue maybe: it counts the view's own call.
      hadMultipleClients: summary.hadMultipleClients || head.hadMultipleClients === true,
      headIds: head.items.map((item) => item.id),
      requests: items.map((item) => toLabRequest(toRequestDetail(item))),
      serverNow: new Date().toISOString(),
    };
  });
}
