import type { RequestFilter } from '../api-contract';
import type { Db } from './db';
import { EmulatorError, invalidClientKey, invalidInput, queueNotFound, requestNotFound } from './errors';
import { randomObjectId, requestIdFromUniqueKey } from './ids';
import { queueToJson, resolveQueueRef } from './queue-shape';
import { headItemToJson, lockExpiry, parseRequestInput, type RequestInput, requestToJson } from './request-shape';
import type {
  DeletedRequest,
  GetOrCreateQueueResult,
  RequestQueue,
  RequestQueueClientAddRequestResult,
  RequestQueueClientBatchDeleteResult,
  RequestQueueClientBatchRequestsOperationResult,
  RequestQueueClientListAndLockHeadResult,
  RequestQueueClientListHeadResult,
  RequestQueueClientListItem,
  RequestQueueClientListRequestsResult,
  RequestQueueClientProlongRequestLockResult,
  RequestQueueClientRequestSchema,
  RequestQueueClientRequestToDelete,
  RequestQueueClientUnlockRequestsResult,
  RequestQueueCollectionListResult,
} from './store/results';
import { ClientState, type HeadRow, type QueueRow, type RequestRow } from './store/rows';
import { prepareStatements, type Statements } from './store/statements';

export interface StoreOptions {
  /** Milliseconds since the epoch; injected so lock expiry is testable without sleeping. */
  now?: () => number;
  /** Where the dashboard shows a queue (the API's `consoleUrl`). */
  consoleUrl?: (queueId: string) => string;
}

/** `undefined` is the anonymous client: every call without a key counts as a new client. */
type ClientKey = string | undefined;
interface ClientOptions {
  clientKey?: string;
}
interface ForefrontOptions extends ClientOptions {
  forefront?: boolean;
}
export interface ListRequestsOptions extends ClientOptions {
  limit: number;
  cursor?: string;
  exclusiveStartId?: string;
  filter?: RequestFilter[];
}
/** A queue row held for the current transaction; `dirty` when it must be written back at its end. */
type TrackedQueue = QueueRow & { dirty?: boolean };

const ACCESS_WRITE_INTERVAL_MS = 1000;
const iso = (ms: number) => new Date(ms).toISOString();

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

  listQueues(options: {
    offset: number;
    limit: number;
    desc: boolean;
    unnamed: boolean;
  }): RequestQueueCollectionListResult {
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

  updateQueue(ref: string, changes: { name?: string | null; generalAccess?: string | null }): RequestQueue {
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
      this.modified(queue, now);
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
    const inputs = this.batchBody(body).map((item, index) => {
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
        const result = this.insertIfAbsent(queue, input, options.forefront ?? false);
        return result;
      }
      this.assertNotLockedByOther(row, options.clientKey, now);
      const wasHandled = row.handled_at !== null;
      const isHandled = input.handledAt !== null;
      let orderNo: number | null = null;
      let orderSeq = row.order_seq;
      let lockClient = row.lock_client;
      const lockExpiresAt = lockExpiry(row.order_no, now);
      if (isHandled) {
        lockClient = null;
      } else if (lockExpiresAt !== null) {
        // A plain update keeps the caller's lock; forefront only decides where it lands later.
        orderNo = (options.forefront ? -1 : 1) * lockExpiresAt;
      } else {
        [orderNo, orderSeq] = this.position(queue, options.forefront ?? false, now);
        lockClient = null;
      }
      this.sql.updateRequest.run({
        queue: queue.id,
        id: requestId,
        url: input.url,
        method: input.method,
        retry_count: input.retryCount,
        handled_at: input.handledAt,
        order_no: orderNo,
        order_seq: orderSeq,
        lock_client: lockClient,
        extra: input.extra,
      });
      queue.handled_count += Number(isHandled) - Number(wasHandled);
      queue.write_count += 1;
      this.modified(queue, now);
      return { requestId, wasAlreadyPresent: true, wasAlreadyHandled: wasHandled };
    });
  }

  deleteRequest(ref: string, requestId: string, options: ClientOptions = {}): void {
    this.transaction(() => {
      const queue = this.openQueue(ref, options.clientKey);
      const row = this.sql.requestById.get({ queue: queue.id, id: requestId });
      if (row) {
        this.assertNotLockedByOther(row, options.clientKey, this.now());
        this.removeRow(queue, row);
      }
    });
  }

  batchDeleteRequests(ref: string, body: unknown, options: ClientOptions = {}): RequestQueueClientBatchDeleteResult {
    const items = this.batchBody(body).map((item, index) => parseDeleteItem(item, index));
    return this.transaction(() => {
      const queue = this.openQueue(ref, options.clientKey);
      const now = this.now();
      const processedRequests: DeletedRequest[] = [];
      const unprocessedRequests: RequestQueueClientRequestToDelete[] = [];
      for (const item of items) {
        const id = item.id === undefined ? requestIdFromUniqueKey(item.uniqueKey) : item.id;
        const row = this.sql.requestById.get({ queue: queue.id, id });
        if (row && lockExpiry(row.order_no, now) !== null && !this.ownsLock(row, options.clientKey)) {
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

  listHead(ref: string, options: ClientOptions & { limit: number }): RequestQueueClientListHeadResult {
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

  listAndLockHead(
    ref: string,
    options: ClientOptions & { limit: number; lockSecs: number },
  ): RequestQueueClientListAndLockHeadResult {
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
      if (rows.length > 0) this.modified(queue, now);
      return {
        limit: options.limit,
        lockSecs: options.lockSecs,
        queueModifiedAt: iso(queue.modified_at),
        hadMultipleClients: queue.client_state === ClientState.MultipleClients,
        queueHasLockedRequests: this.hasLocks(queue.id, now),
        ...(options.clientKey === undefined ? {} : { clientKey: options.clientKey }),
        items: lockedItems(rows, expiresAt),
      };
    });
  }

  prolongRequestLock(
    ref: string,
    requestId: string,
    options: ForefrontOptions & { lockSecs: number },
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
      this.modified(queue, now);
      return { lockExpiresAt: iso(expiresAt) };
    });
  }

  deleteRequestLock(ref: string, requestId: string, options: ForefrontOptions = {}): void {
    this.transaction(() => {
      const queue = this.openQueue(ref, options.clientKey);
      const now = this.now();
      const row = this.lockedRequest(queue, requestId, options.clientKey, now);
      const [orderNo, orderSeq] = this.position(queue, options.forefront ?? false, now);
      this.sql.setLock.run({ queue: queue.id, id: row.id, order_no: orderNo, order_seq: orderSeq, lock_client: null });
      this.modified(queue, now);
    });
  }

  unlockRequests(ref: string, options: ClientOptions = {}): RequestQueueClientUnlockRequestsResult {
    return this.transaction(() => {
      const queue = this.openQueue(ref, options.clientKey);
      const now = this.now();
      const locked = this.sql.lockedRows.all({ queue: queue.id, now });
      let unlockedCount = 0;
      for (const row of locked) {
        if (!this.ownsLock(row, options.clientKey)) continue;
        const [orderNo, orderSeq] = this.position(queue, row.order_no < 0, now);
        this.sql.setLock.run({
          queue: queue.id,
          id: row.id,
          order_no: orderNo,
          order_seq: orderSeq,
          lock_client: null,
        });
        unlockedCount += 1;
      }
      if (unlockedCount > 0) this.modified(queue, now);
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

  /** Every access to a queue counts for `accessedAt` (written at most once a second). */
  private track(queue: TrackedQueue): TrackedQueue {
    this.opened.add(queue);
    const now = this.now();
    if (now - queue.accessed_at >= ACCESS_WRITE_INTERVAL_MS) {
      queue.accessed_at = now;
      queue.dirty = true;
    }
    return queue;
  }

  /** Resolves a queue for a call that carries a clientKey, registering the client. */
  private openQueue(ref: string, clientKey: ClientKey): TrackedQueue {
    const queue = this.queue(ref);
    if (queue.client_state === ClientState.NoClient) {
      queue.client_state = ClientState.OneClient;
      queue.first_client = clientKey ?? null;
      queue.dirty = true;
    } else if (
      queue.client_state === ClientState.OneClient &&
      (clientKey === undefined || queue.first_client !== clientKey)
    ) {
      queue.client_state = ClientState.MultipleClients;
      queue.dirty = true;
    }
    return queue;
  }

  private modified(queue: TrackedQueue, now: number) {
    queue.modified_at = Math.max(now, queue.modified_at);
    queue.accessed_at = now;
    queue.dirty = true;
  }

  private saveQueue(queue: TrackedQueue) {
    if (!queue.dirty) return;
    this.sql.saveQueue.run(queue);
    queue.dirty = false;
  }

  /** A new place in the queue at time `at`: the end (+) or the front (−). */
  private position(queue: TrackedQueue, forefront: boolean, at: number): [number, number] {
    const seq = queue.next_seq;
    queue.next_seq += 1;
    queue.dirty = true;
    return forefront ? [-at, -seq] : [at, seq];
  }

  private insertIfAbsent(queue: TrackedQueue, input: RequestInput, forefront: boolean) {
    const requestId = requestIdFromUniqueKey(input.uniqueKey);
    const existing = this.sql.requestById.get({ queue: queue.id, id: requestId });
    if (existing) {
      return { requestId, wasAlreadyPresent: true, wasAlreadyHandled: existing.handled_at !== null };
    }
    const now = this.now();
    const handled = input.handledAt !== null;
    const [orderNo, orderSeq] = handled ? [null, 0] : this.position(queue, forefront, now);
    this.sql.insertRequest.run({
      queue: queue.id,
      id: requestId,
      unique_key: input.uniqueKey,
      url: input.url,
      method: input.method,
      retry_count: input.retryCount,
      handled_at: input.handledAt,
      order_no: orderNo,
      order_seq: orderSeq,
      extra: input.extra,
    });
    queue.total_count += 1;
    queue.handled_count += Number(handled);
    queue.write_count += 1;
    this.modified(queue, now);
    // Like the platform, a request added as handled reports wasAlreadyHandled: false.
    return { requestId, wasAlreadyPresent: false, wasAlreadyHandled: false };
  }

  private removeRow(queue: TrackedQueue, row: RequestRow) {
    this.sql.deleteRequest.run({ queue: queue.id, id: row.id });
    queue.total_count -= 1;
    queue.handled_count -= Number(row.handled_at !== null);
    queue.delete_count += 1;
    this.modified(queue, this.now());
  }

  private ownsLock(row: RequestRow, clientKey: ClientKey): boolean {
    return (row.lock_client ?? undefined) === clientKey;
  }

  private assertNotLockedByOther(row: RequestRow, clientKey: ClientKey, now: number) {
    if (lockExpiry(row.order_no, now) !== null && !this.ownsLock(row, clientKey)) {
      throw invalidClientKey(`Request ${row.id} is locked by another client (${describeClient(row.lock_client)})`);
    }
  }

  private lockedRequest(queue: TrackedQueue, requestId: string, clientKey: ClientKey, now: number): RequestRow {
    const row = this.sql.requestById.get({ queue: queue.id, id: requestId });
    if (!row) throw requestNotFound();
    if (lockExpiry(row.order_no, now) === null) {
      const why = row.handled_at === null ? 'its lock has expired or it was never locked' : 'it is already handled';
      throw invalidInput(`Request ${requestId} is not locked: ${why}`);
    }
    if (!this.ownsLock(row, clientKey)) {
      throw invalidClientKey(
        `Request ${requestId} is locked by another client (${describeClient(row.lock_client)}), not by ${describeClient(clientKey ?? null)}`,
      );
    }
    return row;
  }

  private hasLocks(queueId: string, now: number): boolean {
    return this.sql.hasLocks.get({ queue: queueId, now })?.locked === 1;
  }

  private batchBody(body: unknown): unknown[] {
    if (!Array.isArray(body)) throw invalidInput('The body must be a JSON array of requests');
    if (body.length > 25) throw invalidInput(`A batch may hold at most 25 requests, got ${body.length}`);
    return body;
  }

  private queueJson(row: QueueRow): RequestQueue {
    return queueToJson(row, this.consoleUrl(row.id));
  }
}

/** The head items just locked; their expiry is formatted once, not per item. */
function lockedItems(rows: HeadRow[], expiresAt: number): RequestQueueClientListItem[] {
  if (rows.length === 0) return [];
  const lockExpiresAt = iso(expiresAt);
  return rows.map((row) => ({ ...headItemToJson(row), lockExpiresAt }));
}

const describeClient = (key: string | null) => (key === null ? 'a call without clientKey' : `clientKey "${key}"`);

const nonEmptyString = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);

function parseDeleteItem(item: unknown, index: number): RequestQueueClientRequestToDelete {
  if (typeof item === 'object' && item !== null) {
    const id = 'id' in item ? nonEmptyString(item.id) : undefined;
    const uniqueKey = 'uniqueKey' in item ? nonEmptyString(item.uniqueKey) : undefined;
    if (id !== undefined) return uniqueKey === undefined ? { id } : { id, uniqueKey };
    if (uniqueKey !== undefined) return { uniqueKey };
  }
  throw invalidInput(`Invalid request at index ${index}: give an id or a uniqueKey`);
}

const encodeCursor = (lastId: string) => Buffer.from(`after:${lastId}`).toString('base64url');

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^after:([A-Za-z0-9]{1,40})$/.exec(decoded);
  if (!match?.[1]) throw invalidInput('cursor is not one this API returned');
  return match[1];
}
