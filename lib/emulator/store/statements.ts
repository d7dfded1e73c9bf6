import type { Db } from '../db';
import type { HeadRow, QueuedRequestRow, QueueRow, RequestRow } from './rows';

// Parameters are named: a column's value binds as `@column`; `@queue` is the queue's ID.
interface RequestKey {
  queue: string;
  id: string;
}
interface ListQueuesParams {
  /** 1 lists unnamed queues too (SQLite binds no booleans). */
  unnamed: 0 | 1;
  limit: number;
  offset: number;
}
interface ListRequestsParams {
  queue: string;
  /** The ID the page starts after; '' for the first page. */
  after: string;
  now: number;
  limit: number;
}
type InsertRequestParams = RequestKey & Omit<RequestRow, 'id' | 'lock_client'>;
type UpdateRequestParams = RequestKey & Omit<RequestRow, 'id' | 'unique_key'>;
type SetLockParams = RequestKey & Pick<RequestRow, 'order_no' | 'order_seq' | 'lock_client'>;

/** Every SQL statement of the store, prepared once per database handle. */
export function prepareStatements(db: Db) {
  const queueColumns = '*';
  const requestColumns =
    'id, unique_key, url, method, retry_count, handled_at, order_no, order_seq, lock_client, extra';
  const list = (where: string) =>
    db.prepare<ListRequestsParams, RequestRow>(
      `SELECT ${requestColumns} FROM requests WHERE queue_id = @queue AND id > @after AND ${where} ORDER BY id LIMIT @limit`,
    );
  return {
    queueById: db.prepare<{ id: string }, QueueRow>(`SELECT ${queueColumns} FROM queues WHERE id = @id`),
    queueByName: db.prepare<{ name: string }, QueueRow>(`SELECT ${queueColumns} FROM queues WHERE name = @name`),
    insertQueue: db.prepare<Pick<QueueRow, 'id' | 'name'> & { now: number }>(
      'INSERT INTO queues (id, name, created_at, modified_at, accessed_at) VALUES (@id, @name, @now, @now, @now)',
    ),
    listQueuesAsc: db.prepare<ListQueuesParams, QueueRow>(
      'SELECT * FROM queues WHERE (@unnamed OR name IS NOT NULL) ORDER BY created_at, rowid LIMIT @limit OFFSET @offset',
    ),
    listQueuesDesc: db.prepare<ListQueuesParams, QueueRow>(
      'SELECT * FROM queues WHERE (@unnamed OR name IS NOT NULL) ORDER BY created_at DESC, rowid DESC LIMIT @limit OFFSET @offset',
    ),
    countQueues: db.prepare<Pick<ListQueuesParams, 'unnamed'>, { total: number }>(
      'SELECT COUNT(*) AS total FROM queues WHERE (@unnamed OR name IS NOT NULL)',
    ),
    renameQueue: db.prepare<Pick<QueueRow, 'id' | 'name' | 'general_access'>>(
      'UPDATE queues SET name = @name, general_access = @general_access WHERE id = @id',
    ),
    // Binds the row itself; its other columns are left as they are.
    saveQueue: db.prepare<QueueRow>(
      `UPDATE queues SET modified_at = @modified_at, accessed_at = @accessed_at, total_count = @total_count,
       handled_count = @handled_count, write_count = @write_count, delete_count = @delete_count,
       client_state = @client_state, first_client = @first_client, next_seq = @next_seq WHERE id = @id`,
    ),
    deleteQueue: db.prepare<{ id: string }>('DELETE FROM queues WHERE id = @id'),
    requestById: db.prepare<RequestKey, RequestRow>(
      `SELECT ${requestColumns} FROM requests WHERE queue_id = @queue AND id = @id`,
    ),
    insertRequest: db.prepare<InsertRequestParams>(
      `INSERT INTO requests (queue_id, id, unique_key, url, method, retry_count, handled_at, order_no, order_seq, extra)
       VALUES (@queue, @id, @unique_key, @url, @method, @retry_count, @handled_at, @order_no, @order_seq, @extra)`,
    ),
    updateRequest: db.prepare<UpdateRequestParams>(
      `UPDATE requests SET url = @url, method = @method, retry_count = @retry_count, handled_at = @handled_at,
       order_no = @order_no, order_seq = @order_seq, lock_client = @lock_client, extra = @extra
       WHERE queue_id = @queue AND id = @id`,
    ),
    deleteRequest: db.prepare<RequestKey>('DELETE FROM requests WHERE queue_id = @queue AND id = @id'),
    setLock: db.prepare<SetLockParams>(
      `UPDATE requests SET order_no = @order_no, order_seq = @order_seq, lock_client = @lock_client
       WHERE queue_id = @queue AND id = @id`,
    ),
    head: db.prepare<Pick<ListRequestsParams, 'queue' | 'now' | 'limit'>, HeadRow>(
      `SELECT id, unique_key, url, method, retry_count, order_no, order_seq FROM requests
       WHERE queue_id = @queue AND order_no BETWEEN -@now AND @now ORDER BY order_no, order_seq LIMIT @limit`,
    ),
    hasLocks: db.prepare<{ queue: string; now: number }, { locked: 0 | 1 }>(
      `SELECT (EXISTS (SELECT 1 FROM requests WHERE queue_id = @queue AND order_no > @now)
            OR EXISTS (SELECT 1 FROM requests WHERE queue_id = @queue AND order_no < -@now)) AS locked`,
    ),
    lockedRows: db.prepare<{ queue: string; now: number }, QueuedRequestRow>(
      `SELECT ${requestColumns} FROM requests WHERE queue_id = @queue AND order_no > @now
       UNION ALL
       SELECT ${requestColumns} FROM requests WHERE queue_id = @queue AND order_no < -@now`,
    ),
    listAll: list('1'),
    listPending: list('order_no BETWEEN -@now AND @now'),
    // Locked requests are found through the ordering index (two ranges), not a scan of the queue.
    listLocked: db.prepare<ListRequestsParams, RequestRow>(
      `SELECT * FROM (
         SELECT ${requestColumns} FROM requests WHERE queue_id = @queue AND order_no > @now AND +id > @after
         UNION ALL
         SELECT ${requestColumns} FROM requests WHERE queue_id = @queue AND order_no < -@now AND +id > @after
       ) ORDER BY id LIMIT @limit`,
    ),
    listUnhandled: list('order_no IS NOT NULL'),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
