'use client';

import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { clearApiLogAction } from '../actions/api-log';
import { adoptLabQueueAction, createLabQueueAction } from '../actions/lab';
import { deleteLockAction, lockHeadAction, prolongLockAction, unlockAllAction } from '../actions/locks';
import { releaseHolderAction } from '../actions/ops';
import { getQueueAction } from '../actions/queues';
import { addRequestsAction, deleteRequestsAction, updateRequestAction } from '../actions/requests';
import {
  acknowledgeQueueAction,
  actAsClientAction,
  connectApifyAction,
  connectEmulatorAction,
  disconnectAction,
  setClientKeyAction,
  setWritesArmedAction,
  stopActingAction,
} from '../actions/session';
import type { ActionResult } from '../types';
import { unwrap } from './action-error';
import { queryKeys } from './keys';

/**
 * A mutation over a server action, typed by the action itself (its input is its zod schema's input);
 * on success it invalidates the given key prefixes.
 */
function useActionMutation<I, T>(
  action: (input: I) => Promise<ActionResult<T>>,
  invalidate: (input: NoInfer<I>) => QueryKey[],
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => unwrap(action(input)),
    onSuccess: (_data, input) =>
      Promise.all(invalidate(input).map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}

const queueKeys = ({ queueId }: { queueId: string }) => [queryKeys.queue(queueId), queryKeys.queues()];

export const useLockHead = () => useActionMutation(lockHeadAction, queueKeys);
export const useProlongLock = () => useActionMutation(prolongLockAction, queueKeys);
export const useDeleteLock = () => useActionMutation(deleteLockAction, queueKeys);
export const useUnlockAll = () => useActionMutation(unlockAllAction, queueKeys);
export const useReleaseHolder = () => useActionMutation(releaseHolderAction, queueKeys);
export const useUpdateRequest = () => useActionMutation(updateRequestAction, queueKeys);
export const useAddRequests = () => useActionMutation(addRequestsAction, queueKeys);
export const useDeleteRequests = () => useActionMutation(deleteRequestsAction, queueKeys);

const everything = () => [queryKeys.all];
export const useSetClientKey = () => useActionMutation(setClientKeyAction, everything);
export const useSetWritesArmed = () => useActionMutation(setWritesArmedAction, everything);
export const useActAsClient = () => useActionMutation(actAsClientAction, everything);
export const useStopActing = () => useActionMutation(stopActingAction, everything);
export const useAcknowledgeQueue = () =>
  useActionMutation(acknowledgeQueueAction, ({ queueId }) => [queryKeys.session(), queryKeys.queue(queueId)]);
export const useConnectEmulator = () => useActionMutation(connectEmulatorAction, everything);
export const useConnectApify = () => useActionMutation(connectApifyAction, everything);
export const useClearApiLog = () => useActionMutation(clearApiLogAction, () => [queryKeys.apiLog()]);
export const useDisconnect = () => useActionMutation(disconnectAction, () => []);

/** Resolves what the user typed (an ID, `~name` or `username~name`) to the queue; nothing to invalidate. */
export const useResolveQueue = () => useActionMutation(getQueueAction, () => []);
export const useCreateLabQueue = () => useActionMutation(createLabQueueAction, () => [queryKeys.queues()]);
export const useAdoptLabQueue = () => useActionMutation(adoptLabQueueAction, ({ queueId }) => [queryKeys.lab(queueId)]);
