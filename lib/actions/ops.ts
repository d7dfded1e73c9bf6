'use server';

import type { z } from 'zod';
import { getQueueActivity, getQueueMarks, releaseHolder } from '../apify/ops';
import type { activityInput, queueMarksInput, releaseHolderInput } from '../ops/inputs';
import type { ActionResult, QueueActivity, QueueMark, ReleaseHolderResult } from '../types';
import { withGateway } from './context';

export async function getQueueActivityAction(
  input: z.input<typeof activityInput>,
): Promise<ActionResult<QueueActivity>> {
  return withGateway((ctx) => getQueueActivity(ctx, input));
}

export async function releaseHolderAction(
  input: z.input<typeof releaseHolderInput>,
): Promise<ActionResult<ReleaseHolderResult>> {
  return withGateway((ctx) => releaseHolder(ctx, input));
}

export async function getQueueMarksAction(input: z.input<typeof queueMarksInput>): Promise<ActionResult<QueueMark[]>> {
  return withGateway((ctx) => getQueueMarks(ctx, input));
}
