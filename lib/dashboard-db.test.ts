import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDashboardDb } from './dashboard-db';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'headlock-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openDashboardDb', () => {
  it('applies the required pragmas on every open', () => {
    for (let open = 0; open < 2; open += 1) {
      const db = openDashboardDb(join(dir, 'headlock.sqlite'));
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      db.close();
    }
  });

  it('migrates idempotently: reopening keeps the tables and their rows', () => {
    const file = join(dir, 'headlock.sqlite');
    const first = openDashboardDb(file);
    first.prepare('INSERT INTO sessions (id_hash, expires_at) VALUES (?, ?)').run('h', 1);
    first.close();
    const again = openDashboardDb(file);
    expect(again.prepare('SELECT id_hash, expires_at FROM sessions').all()).toEqual([{ id_hash: 'h', expires_at: 1 }]);
    again.close();
  });
});
