'use server';

import { addRequests, deleteRequests, getRequest, listRequests, updateRequest } from '../apify/requests';
import { withGateway } from './context';

export async function getRequestAction(input: unknown) {
  return withGateway((ctx) => getRequest(ctx, input));
}

export async function listRequestsAction(input: unknown) {
  return withGateway((ctx) => listRequests(ctx, input));
}

export async function addRequestsAction(input: unknown) {
  return withGateway((ctx) => addRequests(ctx, input));
}

export async function updateRequestAction(input: unknown) {
  return withGateway((ctx) => updateRequest(ctx, input));
}

export async function deleteRequestsAction(input: unknown) {
  return withGateway((ctx) => deleteRequests(ctx, input));
}
