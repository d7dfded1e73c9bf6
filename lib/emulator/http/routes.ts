import { z } from 'zod';
import { queueNameSchema } from '../../api-contract';
import { invalidInput } from '../errors';
import { LOCAL_USER } from '../queue-shape';
import type { EmulatorStore } from '../store';
import type { Query } from './params';
import { emptyResponse, jsonResponse } from './respond';

export interface RouteContext {
  store: EmulatorStore;
  query: Query;
  queue: string;
  request: string;
  body: () => Promise<unknown>;
}
type Handler = (ctx: RouteContext) => Response | Promise<Response>;
export interface Route {
  /** Path segments after `/v2`; `:queue` and `:request` capture one segment each. */
  path: string[];
  methods: Partial<Record<string, Handler>>;
}

const ok = (data: unknown) => jsonResponse(200, data);
const created = (data: unknown) => jsonResponse(201, data);

export const routes: Route[] = [
  {
    path: ['users', 'me'],
    methods: {
      GET: () => ok({ id: LOCAL_USER.id, username: LOCAL_USER.username, profile: { name: 'Local emulator user' } }),
    },
  },
  {
    path: ['request-queues'],
    methods: {
      GET: ({ store, query }) => ok(store.listQueues(query.pagination())),
      POST: ({ store, query }) => {
        const { queue, created: isNew } = store.getOrCreateQueue(query.queueName());
        return jsonResponse(isNew ? 201 : 200, queue, isNew ? { location: `/v2/request-queues/${queue.id}` } : {});
      },
    },
  },
  {
    path: ['request-queues', ':queue'],
    methods: {
      GET: ({ store, queue }) => ok(store.getQueue(queue)),
      PUT: async ({ store, queue, body }) => ok(store.updateQueue(queue, parseQueueUpdate(await body()))),
      DELETE: ({ store, queue }) => {
        store.deleteQueue(queue);
        return emptyResponse();
      },
    },
  },
  {
    path: ['request-queues', ':queue', 'requests'],
    methods: {
      GET: ({ store, queue, query }) => ok(store.listRequests(queue, query.listRequests())),
      POST: async ({ store, queue, query, body }) =>
        created(
          store.addRequest(queue, await body(), { forefront: query.bool('forefront'), clientKey: query.clientKey() }),
        ),
    },
  },
  {
    path: ['request-queues', ':queue', 'requests', 'batch'],
    methods: {
      POST: async ({ store, queue, query, body }) =>
        created(
          store.batchAddRequests(queue, await body(), {
            forefront: query.bool('forefront'),
            clientKey: query.clientKey(),
          }),
        ),
      DELETE: async ({ store, queue, query, body }) =>
        ok(store.batchDeleteRequests(queue, await body(), { clientKey: query.clientKey() })),
    },
  },
  {
    path: ['request-queues', ':queue', 'requests', 'unlock'],
    methods: { POST: ({ store, queue, query }) => ok(store.unlockRequests(queue, { clientKey: query.clientKey() })) },
  },
  {
    path: ['request-queues', ':queue', 'requests', ':request'],
    methods: {
      GET: ({ store, queue, request }) => ok(store.getRequest(queue, request)),
      PUT: async ({ store, queue, request, query, body }) =>
        ok(
          store.updateRequest(queue, request, await body(), {
            forefront: query.bool('forefront'),
            clientKey: query.clientKey(),
          }),
        ),
      DELETE: ({ store, queue, request, query }) => {
        store.deleteRequest(queue, request, { clientKey: query.clientKey() });
        return emptyResponse();
      },
    },
  },
  {
    path: ['request-queues', ':queue', 'requests', ':request', 'lock'],
    methods: {
      PUT: ({ store, queue, request, query }) =>
        ok(
          store.prolongRequestLock(queue, request, {
            lockSecs: query.lockSecs(),
            forefront: query.bool('forefront'),
            clientKey: query.clientKey(),
          }),
        ),
      DELETE: ({ store, queue, request, query }) => {
        store.deleteRequestLock(queue, request, { forefront: query.bool('forefront'), clientKey: query.clientKey() });
        return emptyResponse();
      },
    },
  },
  {
    path: ['request-queues', ':queue', 'head'],
    methods: {
      GET: ({ store, queue, query }) =>
        ok(store.listHead(queue, { limit: query.headLimit(), clientKey: query.clientKey() })),
    },
  },
  {
    path: ['request-queues', ':queue', 'head', 'lock'],
    methods: {
      POST: ({ store, queue, query }) =>
        created(
          store.listAndLockHead(queue, {
            lockSecs: query.lockSecs(),
            limit: query.lockLimit(),
            clientKey: query.clientKey(),
          }),
        ),
    },
  },
];

const queueUpdateSchema = z.object({
  name: queueNameSchema.nullable().optional(),
  generalAccess: z
    .enum(['ANYONE_WITH_ID_CAN_READ', 'ANYONE_WITH_NAME_CAN_READ', 'FOLLOW_USER_SETTING', 'RESTRICTED'])
    .nullable()
    .optional(),
});

function parseQueueUpdate(body: unknown) {
  const parsed = queueUpdateSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidInput(`Invalid queue update: ${issue?.path.join('.') || 'body'} ${issue?.message ?? 'is invalid'}`);
  }
  return parsed.data;
}
