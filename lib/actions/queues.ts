'use server';

import type { z } from 'zod';
import type { listQueuesInput, locateInput, queueInput, snapshotInput } from '../action-inputs';
import { getQueue, getQueueSnapshot, listQueues, locateInHead } from '../apify/queues';
import type { ActionResult, HeadPositions, QueueList, QueueSnapshot, QueueSummary } from '../types';
import { withGateway } from './context';

export async function listQueuesAction(input: z.input<typeof listQueuesInput>): Promise<ActionResult<QueueList>> {
  return withGateway((ctx) => listQueues(ctx, input));
}

/** Also resolves `username~name` and `~name` to the queue (and so its ID). */
export async function getQueueAction(input: z.input<typeof queueInput>): Promise<ActionResult<QueueSummary>> {
  return withGateway((ctx) => getQueue(ctx, input));
}

export async function getQueueSnapshotAction(
  input: z.input<typeof snapshotInput>,
): Promise<ActionResult<QueueSnapshot>> {
  return withGateway((ctx) => getQueueSnapshot(ctx, input));
}

export async function locateInHeadAction(input: z.input<typeof locateInput>): Promise<ActionResult<HeadPositions>> {
  return withGateway((ctx) => locateInHead(ctx, input));
}
