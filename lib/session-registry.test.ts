import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DashboardDb, openDashboardDb } from './dashboard-db';
import { createSessionRegistry, type SessionRegistry } from './session-registry';

const HOUR = 60 * 60;
let dir: string;
let file: string;
let db: DashboardDb;
let now: number;
let registry: SessionRegistry;

const open = () => {
  db = openDashboardDb(file);
  registry = createSessionRegistry(db, () => now);
};
const rows = () => db.prepare('SELECT COUNT(*) FROM sessions').pluck().get();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'headlock-sessions-'));
  file = join(dir, 'headlock.sqlite');
  now = Date.UTC(2026, 0, 1, 12);
  open();
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('session registry', () => {
  it('registers distinct IDs of 256 random bits, each live', () => {
    const ids = Array.from({ length: 50 }, () => registry.register(8 * HOUR));
    expect(new Set(ids).size).toBe(50);
    for (const id of ids) {
      expect(Buffer.from(id, 'base64url')).toHaveLength(32);
      expect(registry.isLive(id)).toBe(true);
    }
  });

  it.each([
    ['an unknown ID', 'not-a-registered-id'],
    ['an empty ID', ''],
    ['no ID (a cookie from before sessions had one)', undefined],
  ])('does not take %s for a live session', (_, id) => {
    registry.register(8 * HOUR);
    expect(registry.isLive(id)).toBe(false);
  });

  it('revokes one session and leaves the others live', () => {
    const ended = registry.register(8 * HOUR);
    const other = registry.register(8 * HOUR);
    registry.revoke(ended);
    expect(registry.isLive(ended)).toBe(false);
    expect(registry.isLive(other)).toBe(true);
    expect(() => registry.revoke(ended)).not.toThrow();
    expect(() => registry.revoke(undefined)).not.toThrow();
  });

  it('expires a session at its ttl, without a timer', () => {
    const id = registry.register(8 * HOUR);
    now += 8 * HOUR * 1000 - 1;
    expect(registry.isLive(id)).toBe(true);
    now += 1;
    expect(registry.isLive(id)).toBe(false);
  });

  it('prunes expired rows only, and on every register', () => {
    registry.register(HOUR);
    registry.register(HOUR);
    const lasting = registry.register(3 * HOUR);
    now += 2 * HOUR * 1000;
    expect(registry.prune()).toBe(2);
    expect(rows()).toBe(1);
    now += 2 * HOUR * 1000;
    const fresh = registry.register(HOUR);
    expect(rows()).toBe(1);
    expect(registry.isLive(lasting)).toBe(false);
    expect(registry.isLive(fresh)).toBe(true);
  });

  it('after the database is closed and reopened, revoked stays revoked and live stays live', () => {
    const revoked = registry.register(8 * HOUR);
    const live = registry.register(8 * HOUR);
    registry.revoke(revoked);
    db.close();
    open();
    expect(registry.isLive(revoked)).toBe(false);
    expect(registry.isLive(live)).toBe(true);
  });

  it('stores no session ID, only its hash', () => {
    const id = registry.register(8 * HOUR);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(file).includes(id)).toBe(false);
    expect(db.prepare('SELECT id_hash FROM sessions').pluck().all()).not.toContain(id);
  });
});
