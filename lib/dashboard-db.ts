import 'server-only';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { dataDir } from './data-dir';

export type DashboardDb = Database.Database;

// What the dashboard remembers about itself (design.md §4b): never a token or a cookie value.
// Each statement is idempotent, so every open brings an older file up to date.
const MIGRATIONS = [
  // Live sessions, by the SHA-256 of their ID; revoking one deletes its row.
  `CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID`,
  'CREATE INDEX IF NOT EXISTS sessions_expiry ON sessions (expires_at)',
  // The recorder's history of queue snapshots (lib/recorder), per target + account ("scope") and queue.
  // `detail` is the sample's JSON deflated (raw deflate), NULL when it repeats the previous one of the queue.
  `CREATE TABLE IF NOT EXISTS queue_samples (
    id INTEGER PRIMARY KEY,
    scope TEXT NOT NULL,
    queue_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    pending INTEGER NOT NULL,
    locked INTEGER NOT NULL,
    detail BLOB
  )`,
  'CREATE INDEX IF NOT EXISTS queue_samples_by_queue ON queue_samples (scope, queue_id, at)',
  'CREATE INDEX IF NOT EXISTS queue_samples_by_age ON queue_samples (at)',
  // The lock lab's queues (lib/apify/lab-registry), per target + account ("scope"): the clientKeys of
  // its four lanes (not secrets: they travel in every URL) and the requests it seeded at the front (JSON).
  `CREATE TABLE IF NOT EXISTS lab_queues (
    scope TEXT NOT NULL,
    queue_id TEXT NOT NULL,
    name TEXT,
    created_by_lab INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    registered_at INTEGER NOT NULL,
    lane_a TEXT NOT NULL,
    lane_b TEXT NOT NULL,
    lane_c TEXT NOT NULL,
    lane_d TEXT NOT NULL,
    seeded_forefront TEXT NOT NULL,
    PRIMARY KEY (scope, queue_id)
  ) WITHOUT ROWID`,
];

/** Opens (creating if needed) a dashboard database with the pragmas this project requires. */
export function openDashboardDb(file: string): DashboardDb {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL under WAL survives a process crash without losing committed transactions.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.transaction(() => {
    for (const statement of MIGRATIONS) db.exec(statement);
  }).immediate();
  return db;
}

// One connection per server process, shared by every bundle that imports this module.
const holder = globalThis as typeof globalThis & { __headlockDashboardDb?: DashboardDb };

/** The dashboard's own database, `$HEADLOCK_DATA_DIR/headlock.sqlite` (not the emulator's). */
export function dashboardDb(): DashboardDb {
  holder.__headlockDashboardDb ??= openDashboardDb(join(dataDir(), 'headlock.sqlite'));
  return holder.__headlockDashboardDb;
}
