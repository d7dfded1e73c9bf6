import type { History, Holder, OpsSettings, Sample, Verdict } from './history';
import { latestRunStart } from './observation';
import { poisonOf } from './poison';

// Why the crawler is stuck, judged at the latest sample: findings with their evidence as data, most
// urgent first. The page words them (wording.ts).

type Stall = Extract<Verdict, { kind: 'stall' }>;

const silentOf = (holders: readonly Holder[]) => holders.filter((holder) => holder.status === 'silent');

/** Head empty, requests pending, locks held: everything left is locked. Null when that is not so. */
function headEmptyVerdict(latest: Sample, holders: readonly Holder[]): Verdict | null {
  if (latest.headCount !== 0 || latest.pending <= 0 || latest.locks.length === 0) return null;
  let firstFreeAt = Number.POSITIVE_INFINITY;
  let lastFreeAt = Number.NEGATIVE_INFINITY;
  for (const { expiresAt } of latest.locks) {
    firstFreeAt = Math.min(firstFreeAt, expiresAt);
    lastFreeAt = Math.max(lastFreeAt, expiresAt);
  }
  const silent = silentOf(holders);
  if (holders.length > 0 && silent.length === holders.length) {
    // Nobody is working on them: the crawlers just wait for the locks to run out.
    return {
      kind: 'locks-head-empty',
      locks: latest.locks.length,
      holders: holders.map((holder) => holder.clientKey),
      lastFreeAt,
    };
  }
  // Some holder is active or not yet judged (or the locks name no holder): they may be working on them.
  return {
    kind: 'all-pending-locked',
    pending: latest.pending,
    locks: latest.locks.length,
    locksTruncated: latest.locksTruncated,
    holders: holders.length,
    silentHolders: silent.map((holder) => holder.clientKey),
    firstFreeAt,
  };
}

/** Nothing handled for silentAfter or more of the latest unbroken run while requests are pending. */
function stallVerdict(history: History, holders: readonly Holder[], silentAfterMs: number): Stall | null {
  const latest = history.at(-1);
  const start = latestRunStart(history);
  if (!latest || latest.pending <= 0) return null;
  // Since the last rise of the handled count within the run; since the run began when there was none.
  let since = history[start]?.at ?? latest.at;
  for (let index = history.length - 1; index > start; index--) {
    const current = history[index];
    const previous = history[index - 1];
    if (current && previous && current.handled > previous.handled) {
      since = current.at;
      break;
    }
  }
  const forMs = latest.at - since;
  if (forMs < silentAfterMs) return null;
  const silent = silentOf(holders);
  return {
    kind: 'stall',
    since,
    forMs,
    pending: latest.pending,
    locks: latest.locks.length,
    silentHolders: silent.map((holder) => holder.clientKey),
    silentLocks: silent.reduce((sum, holder) => sum + holder.locks, 0),
  };
}

/** The findings at the latest sample, most urgent first; none for an empty history. */
export function verdictsOf(history: History, holders: readonly Holder[], settings: OpsSettings): Verdict[] {
  const latest = history.at(-1);
  if (!latest) return [];
  const finished: Verdict | null = latest.pending === 0 && latest.locks.length === 0 ? { kind: 'finished' } : null;
  return [
    headEmptyVerdict(latest, holders),
    stallVerdict(history, holders, settings.silentAfterSecs * 1000),
    poisonOf(history, settings.poisonAt),
    finished,
  ].filter((verdict): verdict is Verdict => verdict !== null);
}
