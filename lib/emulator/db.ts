import Database from 'better-sqlite3';
import { ClientState } from './store/rows';

export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS queues (
  id TEXT PRIMARY KEY,
  name TEXT UNIQUE,
  created_at INTEGER NOT NULL,
  modified_at INTEGER NOT NULL,
  accessed_at INTEGER NOT NULL,
  total_count INTEGER NOT NULL DEFAULT 0,
  handled_count INTEGER NOT NULL DEFAULT 0,
  write_count INTEGER NOT NULL DEFAULT 0,
  delete_count INTEGER NOT NULL DEFAULT 0,
  -- How many clients the queue has seen, for hadMultipleClients: a ClientState (store/rows.ts).
  client_state INTEGER NOT NULL DEFAULT ${ClientState.NoClient},
  first_client TEXT,
  general_access TEXT,
  next_seq INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS queues_created ON queues (created_at);
-- Rows are stored in insertion order (rowid), not by request ID: the head of a queue then sits on a
-- few neighbouring pages, so a lock call dirties about the same pages at 1M requests as at 10k.
CREATE TABLE IF NOT EXISTS requests (
  queue_id TEXT NOT NULL REFERENCES queues (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  unique_key TEXT NOT NULL,
  url TEXT NOT NULL,
  method TEXT NOT NULL,
  retry_count INTEGER NOT NULL,
  handled_at TEXT,
  -- The position and the lock in one key (see design.md §3.6): NULL when handled; +ms for the
  -- end of the queue, -ms for the front; a value beyond "now" on either side is a lock expiring then.
  order_no INTEGER,
  -- Tie-break within one millisecond: +n keeps FIFO at the end, -n gives LIFO at the front.
  order_seq INTEGER NOT NULL,
  lock_client TEXT,
  extra TEXT NOT NULL,
  UNIQUE (queue_id, id)
);
CREATE INDEX IF NOT EXISTS requests_order ON requests (queue_id, order_no, order_seq) WHERE order_no IS NOT NULL;
`;

/** Opens (creating if needed) an emulator database with the pragmas this project requires. */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  // NORMAL under WAL survives a process crash (kill -9) without losing committed transactions.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  return db;
}
