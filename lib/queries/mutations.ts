'use client';

import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { deleteLockAction, lockHeadAction, prolongLockAction, unlockAllAction } from '../actions/locks';
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

/** A mutation over a server action; on success it invalidates the given key prefixes. */
function useActionMutation<I, T>(action: (input: I) => Promise<ActionResult<T>>, invalidate: (input: I) => QueryKey[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => unwrap(action(input)),
    onSuccess: (_data, input) =>
      Promise.all(invalidate(input).map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}

type QueueScoped = { queueId: string };
const queueKeys = ({ queueId }: QueueScoped) => [queryKeys.queue(queueId), queryKeys.queues()];

export const useLockHead = () =>
  useActionMutation((input: QueueScoped & { lockSecs: number; limit: number }) => lockHeadAction(input), queueKeys);
export const useProlongLock = () =>
  useActionMutation(
    (input: QueueScoped & { requestId: string; lockSecs: number; forefront: boolean }) => prolongLockAction(input),
    queueKeys,
  );
export const useDeleteLock = () =>
  useActionMutation(
    (input: QueueScoped & { requestId: string; forefront: boolean }) => deleteLockAction(input),
    queueKeys,
  );
export const useUnlockAll = () => useActionMutation((input: QueueScoped) => unlockAllAction(input), queueKeys);
export const useUpdateRequest = () =>
  useActionMutation(
    (input: QueueScoped & { requestId: string; change: 'mark-handled' | 'reclaim'; forefront?: boolean }) =>
      updateRequestAction(input),
    queueKeys,
  );
export const useAddRequests = () =>
  useActionMutation(
    (input: QueueScoped & { urls: string[]; forefront: boolean }) => addRequestsAction(input),
    queueKeys,
  );
export const useDeleteRequests = () =>
  useActionMutation((input: QueueScoped & { requestIds: string[] }) => deleteRequestsAction(input), queueKeys);

const everything = () => [queryKeys.all];
export const useSetClientKey = () =>
  useActionMutation((input: { clientKey: string }) => setClientKeyAction(input), everything);
export const useSetWritesArmed = () =>
  useActionMutation((input: { armed: boolean }) => setWritesArmedAction(input), everything);
export const useActAsClient = () =>
  useActionMutation((input: QueueScoped & { clientKey: string }) => actAsClientAction(input), everything);
export const useStopActing = () => useActionMutation(() => stopActingAction(), everything);
export const useAcknowledgeQueue = () =>
  useActionMutation(
    (input: QueueScoped) => acknowledgeQueueAction(input),
    ({ queueId }) => [queryKeys.session(), queryKeys.queue(queueId)],
  );
export const useConnectEmulator = () => useActionMutation(() => connectEmulatorAction(), everything);
export const useConnectApify = () =>
  useActionMutation((input: { token: string }) => connectApifyAction(input), everything);
export const useDisconnect = () =>
  useActionMutation(
    () => disconnectAction(),
    () => [],
  );
