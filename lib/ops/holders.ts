import { eventsOf } from './events';
import type { History, Holder, HolderStatus, OpsEvent, OpsSettings } from './history';
import { latestRunStart } from './observation';

// Who holds locks in the latest sample, and whether each is alive: a holder that took, prolonged,
// released or handled a lock lately is active; one not seen acting for silentAfter is silent (a
// crashed crawler's locks just sit there). Letting locks expire is not acting.

/** When each holder last acted, from a history's events. */
function lastActions(events: readonly OpsEvent[]): Map<string, number> {
  const last = new Map<string, number>();
  for (const event of events) {
    if (event.kind === 'shared' || event.kind === 'expired' || event.holder === null) continue;
    last.set(event.holder, Math.max(last.get(event.holder) ?? event.at, event.at));
  }
  return last;
}

/** When each of these holders was first seen holding a lock in the latest unbroken run. */
function firstHeldInRun(history: History, holders: ReadonlySet<string>): Map<string, number> {
  const first = new Map<string, number>();
  for (let index = latestRunStart(history); index < history.length && first.size < holders.size; index++) {
    const sample = history[index];
    for (const lock of sample?.locks ?? []) {
      if (sample && lock.holder !== null && holders.has(lock.holder) && !first.has(lock.holder)) {
        first.set(lock.holder, sample.at);
      }
    }
  }
  return first;
}

function statusOf(lastActedAt: number | null, heldSince: number, now: number, silentAfterMs: number): HolderStatus {
  if (lastActedAt !== null) return now - lastActedAt < silentAfterMs ? 'active' : 'silent';
  // Never seen acting: silent once watched holding its locks that long, else too soon to tell.
  return now - heldSince >= silentAfterMs ? 'silent' : 'unknown';
}

/**
 * One row per clientKey holding locks in the latest sample (locks without a holder are left out),
 * most locks first, then by clientKey. `events` defaults to the history's; pass them when known.
 */
export function holdersOf(history: History, settings: OpsSettings, events?: readonly OpsEvent[]): Holder[] {
  const latest = history.at(-1);
  if (!latest) return [];
  const held = new Map<string, { locks: number; earliestExpiry: number; latestExpiry: number }>();
  for (const { holder, expiresAt } of latest.locks) {
    if (holder === null) continue;
    const row = held.get(holder);
    if (!row) held.set(holder, { locks: 1, earliestExpiry: expiresAt, latestExpiry: expiresAt });
    else {
      row.locks++;
      row.earliestExpiry = Math.min(row.earliestExpiry, expiresAt);
      row.latestExpiry = Math.max(row.latestExpiry, expiresAt);
    }
  }
  const acted = lastActions(events ?? eventsOf(history));
  const neverActed = new Set([...held.keys()].filter((holder) => !acted.has(holder)));
  const heldSince = firstHeldInRun(history, neverActed);
  const silentAfterMs = settings.silentAfterSecs * 1000;

  return [...held]
    .map(([clientKey, row]): Holder => {
      const lastActedAt = acted.get(clientKey) ?? null;
      const status = statusOf(lastActedAt, heldSince.get(clientKey) ?? latest.at, latest.at, silentAfterMs);
      return { clientKey, ...row, lastActedAt, status };
    })
    .sort((a, b) => b.locks - a.locks || (a.clientKey < b.clientKey ? -1 : a.clientKey > b.clientKey ? 1 : 0));
}
