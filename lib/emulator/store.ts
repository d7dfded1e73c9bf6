import { requestIdFromUniqueKey } from '../request-id';
import type { Db } from './db';
import { EmulatorError, invalidInput, queueNotFound, requestNotFound } from './errors';
import { randomObjectId } from './ids';
import { queueToJson, resolveQueueRef } from './queue-shape';
import {
  headItemToJson,
  lockExpiry,
  lockedHeadItemsToJson,
  parseRequestInput,
  type RequestInput,
  requestToJson,
} from './request-shape';
import { batchItems, parseDeleteItem } from './store/batch';
import { decodeCursor, encodeCursor } from './store/cursor';
import { assertLockedBy, assertNotLockedByOther, isLockedByOther, ownsLock } from './store/locks';
import type {
  ClientKey,
  ClientOptions,
  ForefrontOptions,
  ListAndLockHeadOptions,
  ListHeadOptions,
  ListQueuesOptions,
  ListRequestsOptions,
  ProlongLockOptions,
  QueueChanges,
  StoreOptions,
} from './store/options';
import type {
  DeletedRequest,
  GetOrCreateQueueResult,
  RequestQueue,
  RequestQueueClientAddRequestResult,
  RequestQueueClientBatchDeleteResult,
  RequestQueueClientBatchRequestsOperationResult,
  RequestQueueClientListAndLockHeadResult,
  RequestQueueClientListHeadResult,
  RequestQueueClientListRequestsResult,
  RequestQueueClientProlongRequestLockResult,
  RequestQueueClientRequestSchema,
  RequestQueueClientRequestToDelete,
  RequestQueueClientUnlockRequestsResult,
  RequestQueueCollectionListResult,
} from './store/results';
import { ClientState, type QueueRow, type RequestRow } from './store/rows';
import { prepareStatements, type Statements } from './store/statements';
import { markModified, nextPosition, registerClient, type TrackedQueue, touch } from './store/tracked-queue';

export type { ListRequestsOptions, StoreOptions } from './store/options';

const iso = (ms: number) => new Date(ms).toISOString();

/** The columns a request's own fields fill, as named parameters (inserts and updates alike). */
const requestColumns = (input: RequestInput) => ({
  url: input.url,
  method: input.method,
  retry_count: input.retryCount,
  handled_at: input.handledAt,
  extra: input.extra,
});

/**
 * The request-queue store. Method names follow apify-client's `RequestQueueClient` and
 * `RequestQueueCollectionClient`; each call runs in one `BEGIN IMMEDIATE` transaction.
 */
export class EmulatorStore {
  private readonly now: () => number;
  private readonly consoleUrl: (queueId: string) => string;
  private readonly sql: Statements;
  /** Queue rows read in the current transaction, saved at its end when changed. */
  private readonly opened = new Set<TrackedQueue>();

  constructor(
    readonly db: Db,
    options: StoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.consoleUrl = options.consoleUrl ?? ((id) => `http://127.0.0.1:3000/queues/${id}`);
    this.sql = prepareStatements(db);
  }

  // ---- queue collection -------------------------------------------------------------------

  listQueues(options: ListQueuesOptions): RequestQueueCollectionListResult {
    const { offset, limit, desc, unnamed } = options;
    const filter = unnamed ? 1 : 0;
    const rows = (desc ? this.sql.listQueuesDesc : this.sql.listQueuesAsc).all({ unnamed: filter, limit, offset });
    const total = this.sql.countQueues.get({ unnamed: filter })?.total ?? 0;
    const items = rows.map((row) => this.queueJson(row));
    return { total, offset, limit, count: items.length, desc, unnamed, items };
  }

  getOrCreateQueue(name: string | undefined): GetOrCreateQueueResult {
    return this.transaction(() => {
      const now = this.now();
      if (name !== undefined) {
        const existing = this.sql.queueByName.get({ name });
        if (existing) return { queue: this.queueJson(this.track(existing)), created: false };
      }
      const id = randomObjectId();
      this.sql.insertQueue.run({ id, name: name ?? null, now });
      // Read back for the columns' defaults; the row was inserted just above, in this transaction.
      const created = this.sql.queueById.get({ id });
      if (!created) throw queueNotFound();
      return { queue: this.queueJson(created), created: true };
    });
  }

  // ---- one queue ------------------------------------------------------------------------

  getQueue(ref: string): RequestQueue {
    return this.transaction(() => this.queueJson(this.queue(ref)));
  }

  updateQueue(ref: string, changes: QueueChanges): RequestQueue {
    return this.transaction(() => {
      const queue = this.queue(ref);
      const now = this.now();
      const name = changes.name === undefined ? queue.name : changes.name;
      if (name !== null && name !== queue.name && this.sql.queueByName.get({ name })) {
        throw new EmulatorError(400, 'name-not-unique', `A request queue named "${name}" already exists`);
      }
      queue.name = name;
      if (changes.generalAccess !== undefined) queue.general_access = changes.generalAccess;
      this.sql.renameQueue.run({ id: queue.id, name: queue.name, general_access: queue.general_access });
      markModified(queue, now);
      return this.queueJson(queue);
    });
  }

  deleteQueue(ref: string): void {
    this.transaction(() => {
      this.sql.deleteQueue.run({ id: this.queue(ref).id });
    });
  }

  // ---- requests -------------------------------------------------------------------------

  addRequest(ref: string, body: unknown, options: ForefrontOptions = {}): RequestQueueClientAddRequestResult {
    const input = parseRequestInput(body);
    if (input.id !== undefined) throw invalidInput('Invalid request: a request being added must not have an id');
    return this.transaction(() => {
      const queue = this.openQueue(ref, options.clientKey);
      const result = this.insertIfAbsent(queue, input, options.forefront ?? false);
      return result;
    });
  }

  batchAddRequests(
    ref: string,
    body: unknown,
    options: ForefrontOptions = {},
  ): RequestQueueClientBatchRequestsOperationResult {
    const inputs = batchItems(body).map((item, index) => {
      const input = parseRequestInput(item, `request at index ${index}`);
      if (input.id !== undefined) throw invalidInput(`Invalid request at index ${index}: must not have an id`);
      return input;
    });
    return this.transaction(() => {
      const queue = this.openQueue(ref, options.clientKey);
      const processedRequests = inputs.map((input) => ({
        ...this.insertIfAbsent(queue, input, options.forefront ?? false),
        uniqueKey: input.uniqueKey,
      }));
      return { processedRequests, unprocessedRequests: [] };
    });
  }

  getRequest(ref: string, requestId: string): RequestQueueClientRequestSchema {
    return this.transaction(() => {
      const queue = this.queue(ref);
      const row = this.sql.requestById.get({ queue: queue.id, id: requestId });
      if (!row) throw requestNotFound();
      return requestToJson(row, this.now());
    });
  }

  updateRequest(
    ref: string,
    requestId: string,
    body: unknown,
    options: ForefrontOptions = {},
  ): RequestQueueClientAddRequestResult {
    const input = parseRequestInput(body);
    if (input.id !== undefined && input.id !== requestId) {
      throw invalidInput(`Request id "${input.id}" in the body does not match "${requestId}" in the URL`);
    }
    if (requestIdFromUniqueKey(input.uniqueKey) !== requestId) {
      throw new EmulatorError(400, 'request-id-invalid', 'Request ID does not correspond to uniqueKey');
    }
    return this.transaction(() => {
      const queue = this.openQueue(ref, options.clientKey);
      const now = this.now();
      const row = this.sql.requestById.get({ queue: queue.id, id: requestId });
      if (!row) {
        return this.insertIfAbsent(queue, input, options.forefront ?? false);
      }
      assertNotLockedByOther(row, options.clientKey, now);
      const wasHandled = row.handled_at !== null;
      const isHandled = input.handledAt !== null;
      let orderNo: number | null = null;
      let orderSeq = row.order_seq;
      let lockClient = row.lock_client;
      const expiresAt = lockExpiry(row.order_no, now);
      if (isHandled) {
        lockClient = null;
      } else if (expiresAt !== null) {
        // A plain update keeps the caller's lock; forefront only decides where it lands later.
        orderNo = (options.forefront ? -1 : 1) * expiresAt;
      } else {
        [orderNo, orderSeq] = nextPosition(queue, options.forefront ?? false, now);
        lockClient = null;
      }
      this.sql.updateRequest.run({
        queue: queue.id,
        id: requestId,
        ...requestColumns(input),
        order_no: orderNo,
        order_seq: orderSeq,
        lock_client: lockClient,
      });
      queue.handled_count += Number(isHandled) - Number(wasHandled);
      queue.write_count += 1;
      markModified(queue, now);
      return { requestId, wasAlreadyPresent: true, wasAlreadyHandled: wasHandled };
    });
  }

  deleteRequest(ref: string, requestId: string, options: ClientOptions = {}): void {
    this.transaction(() => {
      const queue = this.openQueue(ref, options.clientKey);
      const row = this.sql.requestById.get({ queue: queue.id, id: requestId });
      if (row) {
        assertNotLockedByOther(row, options.clientKey, this.now());
        this.removeRow(queue, row);
      }
    });
  }

  batchDeleteRequests(ref: string, body: unknown, options: ClientOptions = {}): RequestQueueClientBatchDeleteResult {
    const items = batchItems(body).map((item, index) => parseDeleteItem(item, index));
    return this.transaction(() => {
      const queue = this.openQueue(ref, options.clientKey);
      const now = this.now();
      const processedRequests: DeletedRequest[] = [];
      const unprocessedRequests: RequestQueueClientRequestToDelete[] = [];
      for (const item of items) {
        const id = item.id === undefined ? requestIdFromUniqueKey(item.uniqueKey) : item.id;
        const row = this.sql.requestById.get({ queue: queue.id, id });
        if (row && isLockedByOther(row, options.clientKey, now)) {
          unprocessedRequests.push(item);
          continue;
        }
        if (row) this.removeRow(queue, row);
        processedRequests.push({ id, uniqueKey: row?.unique_key ?? item.uniqueKey });
      }
      return { processedRequests, unprocessedRequests };
    });
  }

  listRequests(ref: string, options: ListRequestsOptions): RequestQueueClientListRequestsResult {
    const { limit, cursor, exclusiveStartId, filter = [] } = options;
    if (cursor !== undefined && exclusiveStartId !== undefined) {
      throw invalidInput('cursor and exclusiveStartId cannot be used together');
    }
    if (exclusiveStartId !== undefined && filter.length > 0) {
      throw invalidInput('exclusiveStartId is not compatible with filter; use cursor');
    }
    const afterId = cursor === undefined ? (exclusiveStartId ?? '') : decodeCursor(cursor);
    return this.transaction(() => {
      const queue = this.openQueue(ref, options.clientKey);
      const now = this.now();
      const wantLocked = filter.includes('locked');
      const wantPending = filter.includes('pending');
      const statement =
        wantLocked && wantPending
          ? this.sql.listUnhandled
          : wantLocked
            ? this.sql.listLocked
            : wantPending
              ? this.sql.listPending
              : this.sql.listAll;
      const rows = statement.all({ queue: queue.id, after: afterId, now, limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => requestToJson(row, now)),
        limit,
        ...(exclusiveStartId === undefined ? {} : { exclusiveStartId }),
        ...(cursor === undefined ? {} : { cursor }),
        ...(rows.length > limit && last ? { nextCursor: encodeCursor(last.id) } : {}),
      };
    });
  }

  // ---- head and locks -------------------------------------------------------------------

  listHead(ref: string, options: ListHeadOptions): RequestQueueClientListHeadResult {
    return this.transaction(() => {
      const queue = this.openQueue(ref, options.clientKey);
      const now = this.now();
      const items = this.sql.head.all({ queue: queue.id, now, limit: options.limit });
      return {
        limit: options.limit,
        queueModifiedAt: iso(queue.modified_at),
        hadMultipleClients: queue.client_state === ClientState.MultipleClients,
        items: items.map(headItemToJson),
      };
    });
  }

  listAndLockHead(ref: string, options: ListAndLockHeadOptions): RequestQueueClientListAndLockHeadResult {
    return this.transaction(() => {
      const queue = this.openQueue(ref, options.clientKey);
      const now = this.now();
      const expiresAt = now + Math.round(options.lockSecs * 1000);
      const rows = this.sql.head.all({ queue: queue.id, now, limit: options.limit });
      for (const row of rows) {
        // The sign is kept: a request at the front returns to the front when its lock expires.
        const orderNo = row.order_no < 0 ? -expiresAt : expiresAt;
        this.sql.setLock.run({
          queue: queue.id,
          id: row.id,
          order_no: orderNo,
          order_seq: row.order_seq,
          lock_client: options.clientKey ?? null,
        });
      }
      if (rows.length > 0) markModified(queue, now);
      return {
        limit: options.limit,
        lockSecs: options.lockSecs,
        queueModifiedAt: iso(queue.modified_at),
        hadMultipleClients: queue.client_state === ClientState.MultipleClients,
        queueHasLockedRequests: this.hasLocks(queue.id, now),
        ...(options.clientKey === undefined ? {} : { clientKey: options.clientKey }),
        items: lockedHeadItemsToJson(rows, expiresAt),
      };
    });
  }

  prolongRequestLock(
    ref: string,
    requestId: string,
    options: ProlongLockOptions,
  ): RequestQueueClientProlongRequestLockResult {
    return this.transaction(() => {
      const queue = this.openQueue(ref, options.clientKey);
      const now = this.now();
      const row = this.lockedRequest(queue, requestId, options.clientKey, now);
      const expiresAt = now + Math.round(options.lockSecs * 1000);
      this.sql.setLock.run({
        queue: queue.id,
        id: row.id,
        order_no: options.forefront ? -expiresAt : expiresAt,
        order_seq: row.order_seq,
        lock_client: row.lock_client,
      });
      markModified(queue, now);
      return { lockExpiresAt: iso(expiresAt) };
    });
  }

  deleteRequestLock(ref: string, requestId: string, options: ForefrontOptions = {}): void {
    this.transaction(() => {
      const queue = this.openQueue(ref, options.clientKey);
      const now = this.now();
      const row = this.lockedRequest(queue, requestId, options.clientKey, now);
      const [orderNo, orderSeq] = nextPosition(queue, options.forefront ?? false, now);
      this.sql.setLock.run({ queue: queue.id, id: row.id, order_no: orderNo, order_seq: orderSeq, lock_client: null });
      markModified(queue, now);
    });
  }

  unlockRequests(ref: string, options: ClientOptions = {}): RequestQueueClientUnlockRequestsResult {
    return this.transaction(() => {
      const queue = this.openQueue(ref, options.clientKey);
      const now = this.now();
      const locked = this.sql.lockedRows.all({ queue: queue.id, now });
      let unlockedCount = 0;
      for (const row of locked) {
        if (!ownsLock(row, options.clientKey)) continue;
        const [orderNo, orderSeq] = nextPosition(queue, row.order_no < 0, now);
        this.sql.setLock.run({
          queue: queue.id,
          id: row.id,
          order_no: orderNo,
          order_seq: orderSeq,
          lock_client: null,
        });
        unlockedCount += 1;
      }
      if (unlockedCount > 0) markModified(queue, now);
      return { unlockedCount };
    });
  }

  // ---- internals ------------------------------------------------------------------------

  /** Runs `fn` in one BEGIN IMMEDIATE transaction and saves every queue row it changed. */
  private transaction<T>(fn: () => T): T {
    return this.db
      .transaction(() => {
        try {
          const result = fn();
          for (const queue of this.opened) this.saveQueue(queue);
          return result;
        } finally {
          this.opened.clear();
        }
      })
      .immediate();
  }

  private queue(ref: string): TrackedQueue {
    const target = resolveQueueRef(ref);
    const row =
      target.kind === 'id'
        ? this.sql.queueById.get({ id: target.id })
        : target.kind === 'name'
          ? this.sql.queueByName.get({ name: target.name })
          : undefined;
    if (!row) throw queueNotFound();
    return this.track(row);
  }

  private track(queue: TrackedQueue): TrackedQueue {
    this.opened.add(queue);
    touch(queue, this.now());
    return queue;
  }

  /** Resolves a queue for a call that carries a clientKey, registering the client. */
  private openQueue(ref: string, clientKey: ClientKey): TrackedQueue {
    const queue = this.queue(ref);
    registerClient(queue, clientKey);
    return queue;
  }

  private saveQueue(queue: TrackedQueue) {
    if (!queue.dirty) return;
    this.sql.saveQueue.run(queue);
    queue.dirty = false;
  }

  private insertIfAbsent(
    queue: TrackedQueue,
    input: RequestInput,
    forefront: boolean,
  ): RequestQueueClientAddRequestResult {
    const requestId = requestIdFromUniqueKey(input.uniqueKey);
    const existing = this.sql.requestById.get({ queue: queue.id, id: requestId });
    if (existing) {
      return { requestId, wasAlreadyPresent: true, wasAlreadyHandled: existing.handled_at !== null };
    }
    const now = this.now();
    const handled = input.handledAt !== null;
    const [orderNo, orderSeq] = handled ? [null, 0] : nextPosition(queue, forefront, now);
    this.sql.insertRequest.run({
      queue: queue.id,
      id: requestId,
      unique_key: input.uniqueKey,
      ...requestColumns(input),
      order_no: orderNo,
      order_seq: orderSeq,
    });
    queue.total_count += 1;
    queue.handled_count += Number(handled);
    queue.write_count += 1;
    markModified(queue, now);
    // Like the platform, a request added as handled reports wasAlreadyHandled: false.
    return { requestId, wasAlreadyPresent: false, wasAlreadyHandled: false };
  }

  private removeRow(queue: TrackedQueue, row: RequestRow) {
    this.sql.deleteRequest.run({ queue: queue.id, id: row.id });
    queue.total_count -= 1;
    queue.handled_count -= Number(row.handled_at !== null);
    queue.delete_count += 1;
    markModified(queue, this.now());
  }

  private lockedRequest(queue: TrackedQueue, requestId: string, clientKey: ClientKey, now: number): RequestRow {
    const row = this.sql.requestById.get({ queue: queue.id, id: requestId });
    if (!row) throw requestNotFound();
    assertLockedBy(row, clientKey, now);
    return row;
  }

  private hasLocks(queueId: string, now: number): boolean {
    return this.sql.hasLocks.get({ queue: queueId, now })?.locked === 1;
  }

  private queueJson(row: QueueRow): RequestQueue {
    return queueToJson(row, this.consoleUrl(row.id));
  }
}
