'use server';

import { deleteLock, lockHead, prolongLock, unlockAll } from '../apify/locks';
import { withGateway } from './context';

export async function lockHeadAction(input: unknown) {
  return withGateway((ctx) => lockHead(ctx, input));
}

export async function prolongLockAction(input: unknown) {
  return withGateway((ctx) => prolongLock(ctx, input));
}

export async function deleteLockAction(input: unknown) {
  return withGateway((ctx) => deleteLock(ctx, input));
}

export async function unlockAllAction(input: unknown) {
  return withGateway((ctx) => unlockAll(ctx, input));
}
