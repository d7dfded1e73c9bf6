import type { Db } from './db';

/** Every SQL statement of the store, prepared once per database handle. */
export function prepareStatements(db: Db) {
  const queueColumns = '*';
  const requestColumns =
    'id, unique_key, url, method, retry_count, handled_at, order_no, order_seq, lock_client, extra';
  const list = (where: string) =>
    db.prepare(
      `SELECT ${requestColumns} FROM requests WHERE queue_id = @queue AND id > @after AND ${where} ORDER BY id LIMIT @limit`,
    );
  return {
    queueById: db.prepare(`SELECT ${queueColumns} FROM queues WHERE id = ?`),
    queueByName: db.prepare(`SELECT ${queueColumns} FROM queues WHERE name = ?`),
    insertQueue: db.prepare(
      'INSERT INTO queues (id, name, created_at, modified_at, accessed_at) VALUES (?, ?, ?, ?, ?)',
    ),
    listQueuesAsc: db.prepare(
      'SELECT * FROM queues WHERE (? OR name IS NOT NULL) ORDER BY created_at, rowid LIMIT ? OFFSET ?',
    ),
    listQueuesDesc: db.prepare(
      'SELECT * FROM queues WHERE (? OR name IS NOT NULL) ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?',
    ),
    countQueues: db.prepare('SELECT COUNT(*) AS total FROM queues WHERE (? OR name IS NOT NULL)'),
    renameQueue: db.prepare('UPDATE queues SET name = ?, general_access = ? WHERE id = ?'),
    saveQueue: db.prepare(
      `UPDATE queues SET modified_at = ?, accessed_at = ?, total_count = ?, handled_count = ?, write_count = ?,
       delete_count = ?, client_state = ?, first_client = ?, next_seq = ? WHERE id = ?`,
    ),
    deleteQueue: db.prepare('DELETE FROM queues WHERE id = ?'),
    requestById: db.prepare(`SELECT ${requestColumns} FROM requests WHERE queue_id = ? AND id = ?`),
    insertRequest: db.prepare(
      `INSERT INTO requests (queue_id, id, unique_key, url, method, retry_count, handled_at, order_no, order_seq, extra)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updateRequest: db.prepare(
      `UPDATE requests SET url = ?, method = ?, retry_count = ?, handled_at = ?, order_no = ?, order_seq = ?,
       lock_client = ?, extra = ? WHERE queue_id = ? AND id = ?`,
    ),
    deleteRequest: db.prepare('DELETE FROM requests WHERE queue_id = ? AND id = ?'),
    setLock: db.prepare(
      'UPDATE requests SET order_no = ?, order_seq = ?, lock_client = ? WHERE queue_id = ? AND id = ?',
    ),
    head: db.prepare(
      `SELECT id, unique_key, url, method, retry_count, order_no, order_seq FROM requests
       WHERE queue_id = ? AND order_no BETWEEN ? AND ? ORDER BY order_no, order_seq LIMIT ?`,
    ),
    hasLocks: db.prepare(
      `SELECT (EXISTS (SELECT 1 FROM requests WHERE queue_id = ? AND order_no > ?)
            OR EXISTS (SELECT 1 FROM requests WHERE queue_id = ? AND order_no < ?)) AS locked`,
    ),
    lockedRows: db.prepare(
      `SELECT ${requestColumns} FROM requests WHERE queue_id = @queue AND order_no > @now
       UNION ALL
       SELECT ${requestColumns} FROM requests WHERE queue_id = @queue AND order_no < -@now`,
    ),
    listAll: list('1'),
    listPending: list('order_no BETWEEN -@now AND @now'),
    // Locked requests are found through the ordering index (two ranges), not a scan of the queue.
    listLocked: db.prepare(
      `SELECT * FROM (
         SELECT ${requestColumns} FROM requests WHERE queue_id = @queue AND order_no > @now AND +id > @after
         UNION ALL
         SELECT ${requestColumns} FROM requests WHERE queue_id = @queue AND order_no < -@now AND +id > @after
       ) ORDER BY id LIMIT @limit`,
    ),
    listUnhandled: list('order_no IS NOT NULL'),
  };
}
