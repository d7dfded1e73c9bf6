import { type Query, queryOptions } from '@tanstack/react-query';
import { getApiLogAction } from '../actions/api-log';
import { getLabQueueAction, getLabViewAction } from '../actions/lab';
import { getQueueActivityAction, getQueueMarksAction } from '../actions/ops';
import { getQueueSnapshotAction, listQueuesAction, locateInHeadAction } from '../actions/queues';
import { getRequestAction, listRequestsAction } from '../actions/requests';
import { getSessionAction } from '../actions/session';
import type { ActionInput, QueueMark, QueueScopedParams } from '../types';
import { ActionFailure, unwrap } from './action-error';
import { queryKeys } from './keys';

// One queryOptions per read: its key, its action and its retry rule in one place, for every component
// that shows that read. (Nothing is prefetched on the server: pages read the session and their params
// there, and load the data in the browser, where React Query polls it.)

const noRetryOnExpected = (failureCount: number, error: Error) => !(error instanceof ActionFailure) && failureCount < 1;

export const sessionQuery = () =>
  queryOptions({ queryKey: queryKeys.session(), queryFn: () => unwrap(getSessionAction()), staleTime: 60_000 });

/** This session's API log; polled only while the drawer showing it is open. */
export const apiLogQuery = () =>
  queryOptions({
    queryKey: queryKeys.apiLog(),
    queryFn: () => unwrap(getApiLogAction()),
    retry: noRetryOnExpected,
    refetchInterval: 2_000,
  });

export const queueListQuery = (params: ActionInput<typeof listQueuesAction>) =>
  queryOptions({
    queryKey: queryKeys.queueList(params),
    queryFn: () => unwrap(listQueuesAction(params)),
    retry: noRetryOnExpected,
  });

/** Keeps showing the last data of the same queue while other parameters load (never another queue's). */
const sameQueue = (queueId: string) => {
  const prefix = queryKeys.queue(queueId);
  return <T>(previous: T | undefined, previousQuery: Query<T, Error, T, readonly unknown[]> | undefined) =>
    prefix.every((part, i) => previousQuery?.queryKey[i] === part) ? previous : undefined;
};

export const snapshotQuery = (queueId: string, params: QueueScopedParams<typeof getQueueSnapshotAction>) =>
  queryOptions({
    queryKey: queryKeys.snapshot(queueId, params),
    queryFn: () => unwrap(getQueueSnapshotAction({ queueId, ...params })),
    retry: noRetryOnExpected,
    placeholderData: sameQueue(queueId),
  });

/** Where some requests stand in the first 1000 of the head; read only when the page asks. */
export const headPositionsQuery = (queueId: string, requestIds: readonly string[]) =>
  queryOptions({
    queryKey: queryKeys.headPositions(queueId, requestIds),
    queryFn: () => unwrap(locateInHeadAction({ queueId, requestIds: [...requestIds] })),
    retry: noRetryOnExpected,
    staleTime: Number.POSITIVE_INFINITY,
  });

export const requestsQuery = (queueId: string, params: QueueScopedParams<typeof listRequestsAction>) =>
  queryOptions({
    queryKey: queryKeys.requests(queueId, params),
    queryFn: () => unwrap(listRequestsAction({ queueId, ...params })),
    retry: noRetryOnExpected,
  });

export const requestQuery = (queueId: string, requestId: string) =>
  queryOptions({
    queryKey: queryKeys.request(queueId, requestId),
    queryFn: () => unwrap(getRequestAction({ queueId, requestId })),
    retry: noRetryOnExpected,
  });

/** The ops cockpit; keyed by the snapshot it follows, so it is judged on the sample just recorded. */
export const activityQuery = (
  queueId: string,
  params: QueueScopedParams<typeof getQueueActivityAction>,
  after: string,
) =>
  queryOptions({
    queryKey: queryKeys.activity(queueId, params, after),
    queryFn: () => unwrap(getQueueActivityAction({ queueId, ...params })),
    retry: noRetryOnExpected,
    placeholderData: sameQueue(queueId),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 10_000,
  });

/** The queue list's marks for the queues it shows (only those with recorded history come back). */
export const queueMarksQuery = (queueIds: readonly string[]) =>
  queryOptions({
    queryKey: queryKeys.queueMarks(queueIds),
    queryFn: () => unwrap(getQueueMarksAction({ queueIds: [...queueIds] })),
    retry: noRetryOnExpected,
    placeholderData: (previous: QueueMark[] | undefined) => previous,
  });

/** Whether the queue is a lab queue, and its lanes' clientKeys (null: not a lab queue). */
export const labQueueQuery = (queueId: string) =>
  queryOptions({
    queryKey: queryKeys.lab(queueId),
    queryFn: () => unwrap(getLabQueueAction({ queueId })),
    retry: noRetryOnExpected,
    staleTime: Number.POSITIVE_INFINITY,
  });

/** The whole lab queue, read as lane A, every second while the lab is open. */
export const labViewQuery = (queueId: string) =>
  queryOptions({
    queryKey: queryKeys.labView(queueId),
    queryFn: () => unwrap(getLabViewAction({ queueId })),
    retry: noRetryOnExpected,
    refetchInterval: 1_000,
    placeholderData: (previous) => previous,
  });
