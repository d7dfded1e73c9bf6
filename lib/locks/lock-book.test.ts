import { describe, expect, it } from 'vitest';
import type { HeadItem, LockResult, RequestDetail } from '../types';
import {
  ENDED_KEPT_MS,
  emptyLockBook,
  type LockBook,
  type LockSnapshot,
  noteEnded,
  noteLocated,
  noteLocked,
  noteProlonged,
  reconcileLocks,
  requestsToLocate,
  viewLocks,
} from './lock-book';

const T0 = Date.parse('2026-11-27T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const at = (seconds: number) => T0 + seconds * 1000;

const item = (id: string): HeadItem => ({
  id,
  uniqueKey: id,
  url: `https://x.test/${id}`,
  method: 'GET',
  retryCount: 0,
});
const lock = (id: string, holder: string | null, expiresAtSecond: number): RequestDetail => ({
  ...item(id),
  handledAt: null,
  loadedUrl: null,
  noRetry: false,
  payload: null,
  userData: {},
  headers: {},
  errorMessages: [],
  lockExpiresAt: iso(at(expiresAtSecond)),
  lockByClient: holder,
});
/** A snapshot at `second` with this head (limit 10 unless given) and these locks. */
const snap = (second: number, head: string[], locks: RequestDetail[], limit = 10): LockSnapshot => ({
  serverNow: iso(at(second)),
  head: { limit, queueModifiedAt: iso(T0), hadMultipleClients: false, items: head.map(item) },
  locks,
});
const fold = (...snapshots: LockSnapshot[]) =>
  snapshots.reduce<LockBook>((book, snapshot) => reconcileLocks(book, snapshot), emptyLockBook);
const summary = (book: LockBook, second: number) => {
  const view = viewLocks(book, at(second));
  return {
    held: view.held.map((row) => `${row.id}:${row.holder}`),
    ended: view.ended.map((row) => `${row.id}:${row.end?.cause ?? 'past-expiry'}:${JSON.stringify(row.end?.landing)}`),
  };
};

describe('reconcileLocks', () => {
  it('lists every live lock once, soonest expiry first, and the counts match the rows', () => {
    const book = fold(snap(0, ['d'], [lock('b', 'bob', 50), lock('a', 'ann', 30)]));
    expect(summary(book, 1)).toEqual({ held: ['a:ann', 'b:bob'], ended: [] });
    expect(reconcileLocks(book, snap(0, ['d'], []))).toBe(book);
  });

  it('an expired lock says where its request went: back in the head at #N of M', () => {
    const book = fold(snap(0, ['c'], [lock('a', 'ann', 5)]), snap(6, ['c', 'a'], []));
    expect(summary(book, 6)).toEqual({
      held: [],
      ended: ['a:expired:{"kind":"head","position":2,"waiting":2}'],
    });
  });

  it('an expired lock taken at once by another client says so, and the new lock is listed', () => {
    const book = fold(snap(0, [], [lock('a', 'ann', 5)]), snap(6, [], [lock('a', 'bob', 60)]));
    expect(summary(book, 6)).toEqual({ held: ['a:bob'], ended: ['a:expired:{"kind":"taken","by":"bob"}'] });
  });

  it('between snapshots, a lock past its expiry is no longer counted as held', () => {
    const book = fold(snap(0, [], [lock('a', 'ann', 5), lock('b', 'ann', 50)]));
    expect(summary(book, 4).held).toEqual(['a:ann', 'b:ann']);
    expect(summary(book, 6)).toEqual({ held: ['b:ann'], ended: ['a:past-expiry:undefined'] });
  });

  it('a lock that disappears before its expiry was released by someone else', () => {
    const book = fold(snap(0, ['c'], [lock('a', 'ann', 50)]), snap(3, ['a', 'c'], []));
    expect(summary(book, 3).ended).toEqual(['a:released:{"kind":"head","position":1,"waiting":2}']);
  });

  it('a request beyond the shown part of the head is to be located, then gets its position', () => {
    const full = Array.from({ length: 10 }, (_, i) => `r${i}`);
    let book = fold(snap(0, full, [lock('a', 'ann', 5)]), snap(6, full, []));
    expect(requestsToLocate(book)).toEqual(['a']);
    book = noteLocated(book, { positions: { a: 431 }, waiting: 432, complete: true, serverNow: iso(at(6)) });
    expect(summary(book, 6).ended).toEqual(['a:expired:{"kind":"head","position":431,"waiting":432}']);
    expect(requestsToLocate(book)).toEqual([]);
  });

  it('a request neither locked nor waiting in a complete head is no longer waiting', () => {
    const book = fold(snap(0, ['c'], [lock('a', 'ann', 50)]), snap(3, ['c'], []));
    expect(summary(book, 3).ended).toEqual(['a:released:{"kind":"not-waiting","searched":1,"complete":true}']);
  });

  it('a lock prolonged by its holder keeps its row with the new expiry', () => {
    const book = fold(snap(0, [], [lock('a', 'ann', 5)]), snap(4, [], [lock('a', 'ann', 64)]));
    const [row] = viewLocks(book, at(10)).held;
    expect(row?.lockExpiresAt).toBe(iso(at(64)));
    expect(row?.totalMs).toBe(60_000);
  });

  it('ended locks are dropped after a while, by the snapshots’ clock', () => {
    let book = fold(snap(0, [], [lock('a', 'ann', 5)]), snap(6, ['a'], []));
    book = reconcileLocks(book, snap(5 + ENDED_KEPT_MS / 1000, ['a'], []));
    expect(summary(book, 40).ended).toHaveLength(1);
    book = reconcileLocks(book, snap(6 + ENDED_KEPT_MS / 1000, ['a'], []));
    expect(summary(book, 40).ended).toEqual([]);
  });
});

describe('what this page did', () => {
  const locked: LockResult = {
    items: [{ ...item('a'), lockExpiresAt: iso(at(30)) }],
    lockSecs: 30,
    clientKey: 'me',
    queueHasLockedRequests: true,
    hadMultipleClients: false,
    queueModifiedAt: iso(T0),
    serverNow: iso(at(0)),
  };

  it('a lock taken here is listed at once with its full length, and a snapshot older than it does not drop it', () => {
    const book = reconcileLocks(noteLocked(emptyLockBook, locked), snap(-1, ['a'], []));
    expect(summary(book, 1).held).toEqual(['a:me']);
    expect(viewLocks(book, at(1)).held[0]?.totalMs).toBe(30_000);
  });

  it('unlocked here: the next snapshot says where it landed, at the end or the front', () => {
    let book = noteEnded(noteLocked(emptyLockBook, locked), { ids: ['a'], cause: 'unlocked', at: at(2) });
    expect(summary(book, 2).ended).toEqual(['a:unlocked:{"kind":"unknown"}']);
    book = reconcileLocks(book, snap(1, [], [lock('a', 'me', 30)]));
    expect(summary(book, 2).ended).toEqual(['a:unlocked:{"kind":"unknown"}']);
    book = reconcileLocks(book, snap(3, ['b', 'c', 'a'], []));
    expect(summary(book, 3)).toEqual({
      held: [],
      ended: ['a:unlocked:{"kind":"head","position":3,"waiting":3}'],
    });
  });

  it('unlocked here, when a snapshot saw the lock gone first: still this page’s unlock, where that snapshot found it', () => {
    let book = reconcileLocks(noteLocked(emptyLockBook, locked), snap(3, ['b', 'a'], []));
    expect(summary(book, 3).ended).toEqual(['a:released:{"kind":"head","position":2,"waiting":2}']);
    book = noteEnded(book, { ids: ['a'], cause: 'unlocked', at: at(2) });
    book = reconcileLocks(book, snap(4, ['a', 'b'], []));
    expect(summary(book, 4).ended).toEqual(['a:unlocked:{"kind":"head","position":2,"waiting":2}']);
  });

  it('marked handled here: ends as handled, whatever the head says', () => {
    const book = reconcileLocks(
      noteEnded(noteLocked(emptyLockBook, locked), { ids: ['a'], cause: 'handled', at: at(2) }),
      snap(3, ['b'], []),
    );
    expect(summary(book, 3).ended).toEqual(['a:handled:{"kind":"handled"}']);
  });

  it('unlock all mine ends only this holder’s locks', () => {
    let book = reconcileLocks(
      noteLocked(emptyLockBook, locked),
      snap(1, [], [lock('a', 'me', 30), lock('z', 'bob', 30)]),
    );
    book = noteEnded(book, { holder: 'me', cause: 'unlocked-all', at: at(2) });
    expect(summary(book, 2)).toEqual({ held: ['z:bob'], ended: ['a:unlocked-all:{"kind":"unknown"}'] });
  });

  it('prolonged here: the new expiry and where the request returns when it expires', () => {
    const book = noteProlonged(noteLocked(emptyLockBook, locked), {
      id: 'a',
      lockExpiresAt: iso(at(122)),
      lockSecs: 120,
      forefront: true,
      serverNow: iso(at(2)),
    });
    const [row] = viewLocks(book, at(3)).held;
    expect(row).toMatchObject({ lockExpiresAt: iso(at(122)), totalMs: 120_000, returnsTo: 'front' });
    const later = reconcileLocks(book, snap(5, [], [lock('a', 'me', 122)]));
    expect(viewLocks(later, at(6)).held[0]?.returnsTo).toBe('front');
  });
});
