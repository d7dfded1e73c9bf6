'use server';

import type { z } from 'zod';
import type {
  addRequestsInput,
  deleteRequestsInput,
  listRequestsInput,
  requestInput,
  updateRequestInput,
} from '../action-inputs';
import { addRequests, deleteRequests, getRequest, listRequests, updateRequest } from '../apify/requests';
import type {
  ActionResult,
  AddRequestsResult,
  DeleteRequestsResult,
  RequestPage,
  RequestRead,
  WriteResult,
} from '../types';
import { withGateway } from './context';

export async function getRequestAction(input: z.input<typeof requestInput>): Promise<ActionResult<RequestRead>> {
  return withGateway((ctx) => getRequest(ctx, input));
}

export async function listRequestsAction(input: z.input<typeof listRequestsInput>): Promise<ActionResult<RequestPage>> {
  return withGateway((ctx) => listRequests(ctx, input));
}

export async function addRequestsAction(
  input: z.input<typeof addRequestsInput>,
): Promise<ActionResult<AddRequestsResult>> {
  return withGateway((ctx) => addRequests(ctx, input));
}

export async function updateRequestAction(
  input: z.input<typeof updateRequestInput>,
): Promise<ActionResult<WriteResult>> {
  return withGateway((ctx) => updateRequest(ctx, input));
}

export async function deleteRequestsAction(
  input: z.input<typeof deleteRequestsInput>,
): Promise<ActionResult<DeleteRequestsResult>> {
  return withGateway((ctx) => deleteRequests(ctx, input));
}
