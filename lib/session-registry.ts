import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { type DashboardDb, dashboardDb } from './dashboard-db';

export interface SessionRegistry {
  /** A new live session ID (256 random bits) that expires `ttlSeconds` from now. */
  register(ttlSeconds: number): string;
  isLive(id: string | undefined): boolean;
  /** Ends the session for every copy of its cookie; unknown IDs are ignored. */
  revoke(id: string | undefined): void;
  /** Deletes expired rows; returns how many. */
  prune(): number;
}

// Only a hash is stored, so the file holds nothing of a cookie's content: even together with the
// session secret, a copy of it cannot mint a live cookie.
const hashOf = (id: string) => createHash('sha256').update(id).digest('base64url');

/** An allowlist of live session IDs: a cookie whose ID is not in it reads as signed out. */
export function createSessionRegistry(db: DashboardDb, now: () => number = Date.now): SessionRegistry {
  const insert = db.prepare('INSERT INTO sessions (id_hash, expires_at) VALUES (?, ?)');
  const live = db.prepare('SELECT 1 FROM sessions WHERE id_hash = ? AND expires_at > ?').pluck();
  const remove = db.prepare('DELETE FROM sessions WHERE id_hash = ?');
  const removeExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  const prune = () => removeExpired.run(now()).changes;
  return {
    register(ttlSeconds) {
      // Pruning here keeps the table to the sessions started within one ttl.
      prune();
      const id = randomBytes(32).toString('base64url');
      insert.run(hashOf(id), now() + ttlSeconds * 1000);
      return id;
    },
    isLive: (id) => typeof id === 'string' && id !== '' && live.get(hashOf(id), now()) !== undefined,
    revoke(id) {
      if (typeof id === 'string' && id !== '') remove.run(hashOf(id));
    },
    prune,
  };
}

const holder = globalThis as typeof globalThis & { __headlockSessionRegistry?: SessionRegistry };

/** The registry on the dashboard's own database, created once per server process. */
export function sessionRegistry(): SessionRegistry {
  holder.__headlockSessionRegistry ??= createSessionRegistry(dashboardDb());
  return holder.__headlockSessionRegistry;
}
