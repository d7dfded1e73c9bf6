'use server';

import type { z } from 'zod';
import { adoptLabQueue, createLabQueue, getLabQueue } from '../apify/lab';
import { runLabStep } from '../apify/lab-step';
import { getLabView } from '../apify/lab-view';
import type { adoptLabQueueInput, labQueueInput, labStepInput, newLabQueueInput } from '../lab/inputs';
import type { LabQueue, LabStepResult, LabView } from '../lab/types';
import type { ActionResult } from '../types';
import { withGateway } from './context';

export async function createLabQueueAction(input: z.input<typeof newLabQueueInput>): Promise<ActionResult<LabQueue>> {
  return withGateway((ctx) => createLabQueue(ctx, input));
}

export async function getLabQueueAction(input: z.input<typeof labQueueInput>): Promise<ActionResult<LabQueue | null>> {
  return withGateway((ctx) => getLabQueue(ctx, input));
}

export async function adoptLabQueueAction(input: z.input<typeof adoptLabQueueInput>): Promise<ActionResult<LabQueue>> {
  return withGateway((ctx) => adoptLabQueue(ctx, input));
}

export async function getLabViewAction(input: z.input<typeof labQueueInput>): Promise<ActionResult<LabView>> {
  return withGateway((ctx) => getLabView(ctx, input));
}

export async function runLabStepAction(input: z.input<typeof labStepInput>): Promise<ActionResult<LabStepResult>> {
  return withGateway((ctx) => runLabStep(ctx, input));
}
