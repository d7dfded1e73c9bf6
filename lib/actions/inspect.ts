'use server';

import type { z } from 'zod';
import type { bulkRequestsInput, findRequestInput, scanPageInput } from '../action-inputs';
import { bulkRequests } from '../apify/bulk';
import { findRequest } from '../apify/find';
import { scanPage } from '../apify/scan';
import type { BulkResult, FindResult, ScanPage } from '../inspect/types';
import type { ActionResult } from '../types';
import { withGateway } from './context';

export async function findRequestAction(input: z.input<typeof findRequestInput>): Promise<ActionResult<FindResult>> {
  return withGateway((ctx) => findRequest(ctx, input));
}

export async function scanPageAction(input: z.input<typeof scanPageInput>): Promise<ActionResult<ScanPage>> {
  return withGateway((ctx) => scanPage(ctx, input));
}

export async function bulkRequestsAction(input: z.input<typeof bulkRequestsInput>): Promise<ActionResult<BulkResult>> {
  return withGateway((ctx) => bulkRequests(ctx, input));
}
