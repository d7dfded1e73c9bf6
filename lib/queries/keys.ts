import type { getQueueActivityAction } from '../actions/ops';
import type { getQueueSnapshotAction, listQueuesAction, locateInHeadAction } from '../actions/queues';
import type { listRequestsAction } from '../actions/requests';
import type { ActionInput, QueueScopedParams } from '../types';

// Every query key, hierarchical, so a mutation invalidates by prefix (e.g. everything of one queue).
// Parameters are typed from the actions they are sent to: a renamed field breaks the build.
export const queryKeys = {
  all: ['headlock'] as const,
  session: () => [...queryKeys.all, 'session'] as const,
  apiLog: () => [...queryKeys.all, 'api-log'] as const,
  queues: () => [...queryKeys.all, 'queues'] as const,
  queueList: (params: ActionInput<typeof listQueuesAction>) => [...queryKeys.queues(), 'list', params] as const,
  queueMarks: (queueIds: readonly string[]) => [...queryKeys.queues(), 'marks', queueIds] as const,
  queue: (queueId: string) => [...queryKeys.queues(), 'one', queueId] as const,
  snapshot: (queueId: string, params: QueueScopedParams<typeof getQueueSnapshotAction>) =>
    [...queryKeys.queue(queueId), 'snapshot', params] as const,
  /** The ops cockpit, judged after the snapshot taken at `after` (its serverNow) was recorded. */
  activity: (queueId: string, params: QueueScopedParams<typeof getQueueActivityAction>, after: string) =>
    [...queryKeys.queue(queueId), 'activity', params, after] as const,
  headPositions: (queueId: string, requestIds: Readonly<ActionInput<typeof locateInHeadAction>['requestIds']>) =>
    [...queryKeys.queue(queueId), 'head-positions', requestIds] as const,
  requests: (queueId: string, params: QueueScopedParams<typeof listRequestsAction>) =>
    [...queryKeys.queue(queueId), 'requests', params] as const,
  request: (queueId: string, requestId: string) => [...queryKeys.queue(queueId), 'request', requestId] as const,
  /** The queue as a lab queue (its lanes), and the lab's view of it. */
  lab: (queueId: string) => [...queryKeys.queue(queueId), 'lab'] as const,
  labView: (queueId: string) => [...queryKeys.lab(queueId), 'view'] as const,
};
