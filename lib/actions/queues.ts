'use server';

import { getQueue, getQueueSnapshot, listQueues, locateInHead } from '../apify/queues';
import { withGateway } from './context';

export async function listQueuesAction(input: unknown) {
  return withGateway((ctx) => listQueues(ctx, input));
}

/** Also resolves `username~name` and `~name` to the queue (and so its ID). */
export async function getQueueAction(input: unknown) {
  return withGateway((ctx) => getQueue(ctx, input));
}

export async function getQueueSnapshotAction(input: unknown) {
  return withGateway((ctx) => getQueueSnapshot(ctx, input));
}

export async function locateInHeadAction(input: unknown) {
  return withGateway((ctx) => locateInHead(ctx, input));
}
