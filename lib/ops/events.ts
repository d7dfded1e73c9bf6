import type { ExpiredLanding, History, OpsEvent, RecordedLock, Sample } from './history';

// What happened between two consecutive samples, read from their lock lists, their heads and the
// handled count. A sample says only who holds which request until when, so why a lock ended is
// inferred: past its expiry, it expired; before it, its holder either released it (the request is
// back in the head, or someone else holds it now) or handled it (as far as the handled count rose).

/** An expired-locks event says where the requests went for at most this many of them. */
export const WENT_KEPT = 10;

/** A sample with its locks by request id and its head positions (1-based), built once per sample. */
interface IndexedSample {
  sample: Sample;
  locks: Map<string, RecordedLock>;
  head: Map<string, number>;
}

function indexSample(sample: Sample): IndexedSample {
  return {
    sample,
    locks: new Map(sample.locks.map((lock) => [lock.id, lock])),
    head: new Map(sample.head.map((id, index) => [id, index + 1])),
  };
}

type Holder = string | null;
type CountedKind = 'taken' | 'prolonged' | 'released' | 'handled';

const add = (counts: Map<Holder, number>, holder: Holder, count = 1) =>
  counts.set(holder, (counts.get(holder) ?? 0) + count);

/** Holders in a stable order for the events of one moment: by clientKey, the unnamed last. */
const byHolder = ([a]: [Holder, unknown], [b]: [Holder, unknown]) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

/** Where the request of a lock that ended went, as the later sample shows it. */
function landingIn(after: IndexedSample, id: string): ExpiredLanding {
  const taker = after.locks.get(id);
  if (taker) return { id, to: 'taken', by: taker.holder };
  const position = after.head.get(id);
  return position === undefined ? { id, to: 'not-seen' } : { id, to: 'head', position };
}

/**
 * The events between two indexed samples, at `after`'s time: one per (kind, holder), ordered by kind
 * (expired, released, handled, taken, prolonged, shared), then by holder.
 */
function changesBetween(before: IndexedSample, after: IndexedSample): OpsEvent[] {
  const at = after.sample.at;
  const counts: Record<CountedKind, Map<Holder, number>> = {
    taken: new Map(),
    prolonged: new Map(),
    released: new Map(),
    handled: new Map(),
  };
  const expired = new Map<Holder, { count: number; went: ExpiredLanding[] }>();

  for (const lock of after.sample.locks) {
    const earlier = before.locks.get(lock.id);
    if (earlier?.holder === lock.holder) {
      if (lock.expiresAt > earlier.expiresAt) add(counts.prolonged, lock.holder);
    } else if (earlier || !before.sample.locksTruncated) {
      // Unseen before is new only when the earlier list was whole: a cut-short list may have left it out.
      add(counts.taken, lock.holder);
    }
  }

  // The handled count's rise is spent on locks that vanished early, in the earlier list's order.
  let handledLeft = Math.max(0, after.sample.handled - before.sample.handled);
  for (const lock of before.sample.locks) {
    const now = after.locks.get(lock.id);
    if (now?.holder === lock.holder) continue;
    // Missing from a cut-short list says nothing: the lock may well be held still.
    if (!now && after.sample.locksTruncated) continue;
    if (lock.expiresAt <= at) {
      const entry = expired.get(lock.holder) ?? { count: 0, went: [] };
      entry.count++;
      if (entry.went.length < WENT_KEPT) entry.went.push(landingIn(after, lock.id));
      expired.set(lock.holder, entry);
    } else if (now || after.head.has(lock.id) || handledLeft === 0) {
      add(counts.released, lock.holder);
    } else {
      add(counts.handled, lock.holder);
      handledLeft--;
    }
  }
  if (handledLeft > 0) add(counts.handled, null, handledLeft);

  const events: OpsEvent[] = [];
  for (const [holder, { count, went }] of [...expired].sort(byHolder)) {
    events.push({ at, kind: 'expired', holder, count, went });
  }
  for (const kind of ['released', 'handled', 'taken', 'prolonged'] as const) {
    for (const [holder, count] of [...counts[kind]].sort(byHolder)) events.push({ at, kind, holder, count });
  }
  if (!before.sample.hadMultipleClients && after.sample.hadMultipleClients) events.push({ at, kind: 'shared' });
  return events;
}

/** What happened between two consecutive samples (see `changesBetween`). */
export const eventsBetween = (before: Sample, after: Sample): OpsEvent[] =>
  changesBetween(indexSample(before), indexSample(after));

/** Every event of a history, oldest first; each sample is indexed once. */
export function eventsOf(history: History): OpsEvent[] {
  const events: OpsEvent[] = [];
  let previous: IndexedSample | null = null;
  for (const sample of history) {
    const current = indexSample(sample);
    if (previous) events.push(...changesBetween(previous, current));
    previous = current;
  }
  return events;
}

/** The latest `limit` events, newest moment first; the events of one moment keep their order. */
export function newestFirst(events: readonly OpsEvent[], limit: number): OpsEvent[] {
  const kept: OpsEvent[] = [];
  let end = events.length;
  while (end > 0 && kept.length < limit) {
    let start = end - 1;
    while (start > 0 && events[start - 1]?.at === events[end - 1]?.at) start--;
    kept.push(...events.slice(start, end));
    end = start;
  }
  return kept.slice(0, limit);
}
