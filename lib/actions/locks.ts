'use server';

import type { z } from 'zod';
import type { deleteLockInput, lockHeadInput, prolongLockInput, queueInput } from '../action-inputs';
import { deleteLock, lockHead, prolongLock, unlockAll } from '../apify/locks';
import type { ActionResult, LockResult, ProlongResult, UnlockAllResult, UnlockResult } from '../types';
import { withGateway } from './context';

// Each action is typed with its schema's input for its callers, and validates it again at run time.

export async function lockHeadAction(input: z.input<typeof lockHeadInput>): Promise<ActionResult<LockResult>> {
  return withGateway((ctx) => lockHead(ctx, input));
}

export async function prolongLockAction(input: z.input<typeof prolongLockInput>): Promise<ActionResult<ProlongResult>> {
  return withGateway((ctx) => prolongLock(ctx, input));
}

export async function deleteLockAction(input: z.input<typeof deleteLockInput>): Promise<ActionResult<UnlockResult>> {
  return withGateway((ctx) => deleteLock(ctx, input));
}

export async function unlockAllAction(input: z.input<typeof queueInput>): Promise<ActionResult<UnlockAllResult>> {
  return withGateway((ctx) => unlockAll(ctx, input));
}
