// Every query key, hierarchical, so a mutation invalidates by prefix (e.g. everything of one queue).
export const queryKeys = {
  all: ['headlock'] as const,
  session: () => [...queryKeys.all, 'session'] as const,
  queues: () => [...queryKeys.all, 'queues'] as const,
  queueList: (params: { offset: number; limit: number; desc: boolean; unnamed: boolean }) =>
    [...queryKeys.queues(), 'list', params] as const,
  queue: (queueId: string) => [...queryKeys.queues(), 'one', queueId] as const,
  snapshot: (queueId: string, params: { limit: number }) => [...queryKeys.queue(queueId), 'snapshot', params] as const,
  headPositions: (queueId: string, requestIds: readonly string[]) =>
    [...queryKeys.queue(queueId), 'head-positions', requestIds] as const,
  requests: (queueId: string, params: { filter: string; cursor: string | null; limit: number }) =>
    [...queryKeys.queue(queueId), 'requests', params] as const,
  request: (queueId: string, requestId: string) => [...queryKeys.queue(queueId), 'request', requestId] as const,
};
