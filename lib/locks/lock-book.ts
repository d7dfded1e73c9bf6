import type { HeadPositions, LockResult, QueueHead, RequestDetail } from '../types';

// What the queue page knows about locks: the ones held now and, for a while, the ones that just
// ended and where their request went. Pure functions of (book, event); the page keeps the book.

/** How an ended lock ended, as far as this page can tell. */
export type LockEndCause =
  | 'expired'
  /** Gone before its expiry, not by this page: its holder released it or marked it handled. */
  | 'released'
  | 'unlocked'
  | 'unlocked-front'
  | 'unlocked-all'
  | 'handled';

/** Where the request of an ended lock went. */
export type Landing =
  /** No snapshot taken since the lock ended. */
  | { kind: 'unknown' }
  /** Waiting in the head at `position` (1-based) of `waiting` (null when the head was not read to its end). */
  | { kind: 'head'; position: number; waiting: number | null }
  | { kind: 'taken'; by: string | null }
  | { kind: 'handled' }
  /** Not locked and not in the first `shown` of the head: to be located further back. */
  | { kind: 'beyond'; shown: number }
  /** Not in the first `searched` of the head. */
  | { kind: 'not-waiting'; searched: number; complete: boolean };

export interface LockRow {
  /** One per lock: a request locked again later gets a new row. */
  key: string;
  id: string;
  url: string;
  holder: string | null;
  lockExpiresAt: string;
  /** The lock's full length, for its countdown bar. */
  totalMs: number;
  /** Server time (ms) of what the page last learned about this lock: older snapshots cannot undo it. */
  since: number;
  /** Where the request returns when this lock expires, when the page knows (it prolonged it). */
  returnsTo: 'front' | 'end' | null;
  end: { cause: LockEndCause; at: number; landing: Landing } | null;
}

export interface LockBook {
  rows: LockRow[];
  /** `serverNow` of the last snapshot reconciled. */
  snapshotAt: string | null;
}

export interface LockSnapshot {
  head: QueueHead;
  locks: RequestDetail[];
  serverNow: string;
}

/** How long an ended lock stays listed, by the snapshots' clock. */
export const ENDED_KEPT_MS = 30_000;

export const emptyLockBook: LockBook = { rows: [], snapshotAt: null };

/** The full length of a lock first seen at `seenAt`; the page may know better (a lock it took). */
export type LockLength = (requestId: string, lockExpiresAt: string, seenAt: number) => number;
/** What is left of a lock when first seen (at least 1 s): the best guess at its length without more. */
export const timeLeft: LockLength = (_id, expiresAt, seenAt) => Math.max(Date.parse(expiresAt) - seenAt, 1000);

/** A row for a lock held now, learned of at `at` (server ms). */
const heldRow = (
  lock: Pick<LockRow, 'id' | 'url' | 'holder' | 'lockExpiresAt' | 'totalMs'>,
  at: number,
  key = `${lock.id}@${at}`,
): LockRow => ({ ...lock, key, since: at, returnsTo: null, end: null });

const rowOf = (lock: RequestDetail & { lockExpiresAt: string }, at: number, length: LockLength) =>
  heldRow(
    {
      id: lock.id,
      url: lock.url,
      holder: lock.lockByClient,
      lockExpiresAt: lock.lockExpiresAt,
      totalMs: length(lock.id, lock.lockExpiresAt, at),
    },
    at,
  );

/** Where a request stands in this snapshot, for a lock of it that ended. */
function landingIn(snapshot: LockSnapshot, id: string, cause: LockEndCause): Landing {
  const taker = snapshot.locks.find((lock) => lock.id === id);
  if (taker) return { kind: 'taken', by: taker.lockByClient };
  if (cause === 'handled') return { kind: 'handled' };
  const index = snapshot.head.items.findIndex((item) => item.id === id);
  const complete = snapshot.head.items.length < snapshot.head.limit;
  if (index >= 0) return { kind: 'head', position: index + 1, waiting: complete ? snapshot.head.items.length : null };
  if (complete) return { kind: 'not-waiting', searched: snapshot.head.items.length, complete: true };
  return { kind: 'beyond', shown: snapshot.head.items.length };
}

/** Folds one snapshot into the book: new locks, prolonged ones, ended ones and where they went. */
export function reconcileLocks(book: LockBook, snapshot: LockSnapshot, length: LockLength = timeLeft): LockBook {
  if (book.snapshotAt === snapshot.serverNow) return book;
  const at = Date.parse(snapshot.serverNow);
  const live = new Map(
    snapshot.locks
      .filter((lock): lock is RequestDetail & { lockExpiresAt: string } => lock.lockExpiresAt !== null)
      .map((lock) => [lock.id, lock]),
  );
  const accounted = new Set<string>();
  const rows: LockRow[] = [];

  for (const row of book.rows) {
    if (row.since > at) {
      // The snapshot was taken before the page last changed this lock: it knows less.
      accounted.add(row.id);
      rows.push(row);
      continue;
    }
    if (row.end) {
      if (row.end.at < at - ENDED_KEPT_MS) continue;
      const settled = row.end.landing.kind !== 'unknown' && row.end.landing.kind !== 'beyond';
      rows.push(settled ? row : { ...row, end: { ...row.end, landing: landingIn(snapshot, row.id, row.end.cause) } });
      continue;
    }
    const lock = live.get(row.id);
    if (lock && lock.lockByClient === row.holder) {
      accounted.add(row.id);
      const prolonged = lock.lockExpiresAt !== row.lockExpiresAt;
      rows.push(prolonged ? { ...rowOf(lock, at, length), key: row.key } : { ...row, url: lock.url, since: at });
      continue;
    }
    const expiresAt = Date.parse(row.lockExpiresAt);
    const cause: LockEndCause = expiresAt <= at ? 'expired' : 'released';
    const endedAt = cause === 'expired' ? expiresAt : at;
    rows.push({ ...row, since: at, end: { cause, at: endedAt, landing: landingIn(snapshot, row.id, cause) } });
  }

  for (const lock of live.values()) {
    if (!accounted.has(lock.id)) rows.push(rowOf(lock, at, length));
  }
  return { rows, snapshotAt: snapshot.serverNow };
}

/** Locks this page just took (head/lock): listed at once, before the next snapshot. */
export function noteLocked(book: LockBook, result: LockResult): LockBook {
  const at = Date.parse(result.serverNow);
  const taken = new Set(result.items.map((item) => item.id));
  const kept = book.rows.filter((row) => row.end || !taken.has(row.id));
  const added = result.items.map((item) =>
    heldRow(
      {
        id: item.id,
        url: item.url,
        holder: result.clientKey,
        lockExpiresAt: item.lockExpiresAt,
        totalMs: result.lockSecs * 1000,
      },
      at,
    ),
  );
  return { ...book, rows: [...kept, ...added] };
}

export function noteProlonged(
  book: LockBook,
  change: { id: string; lockExpiresAt: string; lockSecs: number; forefront: boolean; serverNow: string },
): LockBook {
  const prolonged = (row: LockRow): LockRow => ({
    ...row,
    lockExpiresAt: change.lockExpiresAt,
    totalMs: change.lockSecs * 1000,
    since: Date.parse(change.serverNow),
    returnsTo: change.forefront ? 'front' : 'end',
  });
  return { ...book, rows: book.rows.map((row) => (!row.end && row.id === change.id ? prolonged(row) : row)) };
}

/**
 * This page ended locks (unlock, to front, handled, unlock all mine); the next snapshot says where
 * they went. A snapshot that came back first saw the lock gone early: this page's command is why,
 * and where that snapshot found the request still holds.
 */
export function noteEnded(
  book: LockBook,
  change: { ids?: readonly string[]; holder?: string; cause: LockEndCause; at: number },
): LockBook {
  const applies = (row: LockRow) =>
    (!row.end || row.end.cause === 'released') &&
    (change.ids === undefined || change.ids.includes(row.id)) &&
    (change.holder === undefined || row.holder === change.holder);
  const landingOf = (row: LockRow): Landing => {
    if (change.cause === 'handled') return { kind: 'handled' };
    return row.end && row.since >= change.at ? row.end.landing : { kind: 'unknown' };
  };
  return {
    ...book,
    rows: book.rows.map((row) =>
      applies(row)
        ? {
            ...row,
            since: Math.max(row.since, change.at),
            end: { cause: change.cause, at: change.at, landing: landingOf(row) },
          }
        : row,
    ),
  };
}

/** Positions found further back in the head for requests that were beyond the shown part. */
export function noteLocated(book: LockBook, found: HeadPositions): LockBook {
  return {
    ...book,
    rows: book.rows.map((row) => {
      if (row.end?.landing.kind !== 'beyond' || !(row.id in found.positions)) return row;
      const position = found.positions[row.id] ?? null;
      const landing: Landing =
        position === null
          ? { kind: 'not-waiting', searched: found.waiting, complete: found.complete }
          : { kind: 'head', position, waiting: found.complete ? found.waiting : null };
      return { ...row, end: { ...row.end, landing } };
    }),
  };
}

export interface LockView {
  /** Held now, by the clock: soonest expiry first. */
  held: LockRow[];
  /** Ended, or past their expiry and waiting for a snapshot to say what happened: latest first. */
  ended: LockRow[];
}

/** Requests whose ended lock sent them behind the shown part of the head: to look for further back. */
export const requestsToLocate = (book: LockBook): string[] =>
  [...new Set(book.rows.filter((row) => row.end?.landing.kind === 'beyond').map((row) => row.id))].sort();

/** The rows and their counts, from one place: a lock past its expiry is no longer counted as held. */
export function viewLocks(book: LockBook, now: number): LockView {
  const held: LockRow[] = [];
  const ended: LockRow[] = [];
  for (const row of book.rows) {
    if (!row.end && Date.parse(row.lockExpiresAt) > now) held.push(row);
    else ended.push(row);
  }
  held.sort((a, b) => a.lockExpiresAt.localeCompare(b.lockExpiresAt) || a.id.localeCompare(b.id));
  ended.sort((a, b) => endedAt(b) - endedAt(a) || a.id.localeCompare(b.id));
  return { held, ended };
}

/** When a lock ended (server ms): as the page learned it, or its expiry while no snapshot has said more. */
export const endedAt = (row: LockRow) => row.end?.at ?? Date.parse(row.lockExpiresAt);
