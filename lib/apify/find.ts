import 'server-only';
import { findRequestInput } from '../action-inputs';
import { findCandidates } from '../inspect/candidates';
import type { FindResult } from '../inspect/types';
import { type GatewayContext, gatewayCall, plainQueue, queueMissing } from './gateway';

/**
 * Finds a request from a typed ID, uniqueKey or URL: every candidate ID is read at once (GET request
 * sends no clientKey, so finding never registers a client); the first candidate that exists wins.
 */
export function findRequest(ctx: GatewayContext, input: unknown) {
  return gatewayCall(ctx, findRequestInput, input, { write: false }, async (args): Promise<FindResult> => {
    const tried = findCandidates(args.text);
    const queue = plainQueue(ctx, args.queueId);
    const requests = await Promise.all(tried.map((candidate) => queue.getRequest(candidate.requestId)));
    const index = requests.findIndex((request) => request !== undefined);
    const request = requests[index];
    const candidate = tried[index];
    if (!request || !candidate) {
      // A request GET on an unknown queue is a 404 too: tell the two apart.
      if (!(await queue.get())) throw queueMissing();
      return { found: null, tried };
    }
    return { found: { requestId: candidate.requestId, url: request.url, matchedAs: candidate.as }, tried };
  });
}
