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
