import { countOf, firstLine, formatCount } from '../format';
import type { ExpiredLanding, OpsEvent, OpsSettings, Verdict } from './history';

// Plain words for the cockpit: what each finding means and what to do about it, and one line per
// event. Only what the verdict or event carries is said; clientKeys are written as they are.

export type Tone = 'problem' | 'warning' | 'ok';

export interface VerdictText {
  tone: Tone;
  headline: string;
  evidence: string[];
  /** What to do; null when there is nothing to do. */
  fix: string | null;
}

/** "45 s", "3 min", "1 h 5 min": whole units, rounded down. */
export function duration(ms: number): string {
  const seconds = Math.floor(Math.max(ms, 0) / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** "ann", "ann and bob", "ann, bob and cat", "ann, bob, cat and 2 more". */
function names(list: readonly string[]): string {
  const shown = list.length > 4 ? [...list.slice(0, 3), `${list.length - 3} more`] : [...list];
  const last = shown.pop() ?? '';
  return shown.length > 0 ? `${shown.join(', ')} and ${last}` : last;
}

/** A holder's name; a lock taken without a clientKey has none. */
const who = (holder: string | null) => holder ?? 'a client without clientKey';

/** An error message as a headline or evidence quotes it: its first line, at most 200 characters. */
const errorLine = (message: string) => firstLine(message, 200);

const RELEASE_SILENT = "release the silent holders' locks below";
const HANDLER_TIMEOUT = 'a hung request handler needs a timeout (Crawlee: requestHandlerTimeoutSecs)';

export function describeVerdict(verdict: Verdict, time: (ms: number) => string, settings: OpsSettings): VerdictText {
  const silentFor = `no action seen for ${duration(settings.silentAfterSecs * 1000)} or more`;
  switch (verdict.kind) {
    case 'all-pending-locked': {
      const silent = verdict.silentHolders;
      const locked =
        verdict.pending === 1
          ? 'The one pending request is locked'
          : `All ${countOf(verdict.pending, 'pending request')} are locked`;
      const by = verdict.holders === 0 ? 'by clients without clientKey' : `by ${countOf(verdict.holders, 'client')}`;
      const locks = verdict.locksTruncated
        ? `At least ${countOf(verdict.locks, 'lock')} held (the lock list was cut short)`
        : `${countOf(verdict.locks, 'lock')} held`;
      return {
        tone: silent.length > 0 ? 'problem' : 'warning',
        headline: `${locked}, ${by}; the first lock frees at ${time(verdict.firstFreeAt)}`,
        evidence: [
          'The head is empty: no request waits to be taken',
          locks,
          silent.length > 0 ? `Silent (${silentFor}): ${names(silent)}` : 'No holder is silent',
        ],
        fix:
          silent.length > 0
            ? `Wait for the locks to expire, or ${RELEASE_SILENT}.`
            : 'Wait: the holders are working on their requests, and their locks free by themselves when they expire.',
      };
    }
    case 'locks-head-empty':
      return {
        tone: 'problem',
        headline: `Locks held, head empty: crawlers will wait until ${time(verdict.lastFreeAt)}`,
        evidence: [`${countOf(verdict.locks, 'lock')} held by silent ${names(verdict.holders)} (${silentFor})`],
        fix: `Nobody is working on these requests: ${RELEASE_SILENT} so the crawlers can take them now.`,
      };
    case 'stall': {
      const quiet = `No request handled for ${duration(verdict.forMs)}`;
      const silent = names(verdict.silentHolders);
      const headline =
        verdict.locks === 0
          ? `${quiet} while no client holds a lock: is any crawler running?`
          : verdict.silentLocks === 0
            ? `${quiet} while ${countOf(verdict.locks, 'lock is', 'locks are')} held`
            : verdict.silentLocks >= verdict.locks
              ? `${quiet} while ${countOf(verdict.locks, 'lock is', 'locks are')} held by silent ${silent}`
              : `${quiet}; ${formatCount(verdict.silentLocks)} of ${countOf(verdict.locks, 'lock')} held by silent ${silent}`;
      const evidence = [
        `${countOf(verdict.pending, 'request')} pending`,
        `Nothing handled since ${time(verdict.since)}`,
      ];
      if (verdict.silentHolders.length > 0) evidence.push(`Silent (${silentFor}): ${silent}`);
      const fix =
        verdict.locks === 0
          ? 'Start a crawler on this queue, or find out why the running one takes no requests.'
          : verdict.silentLocks > 0
            ? `Release the silent holders' locks below so other crawlers can take them; ${HANDLER_TIMEOUT}.`
            : `The holders keep their locks but handle nothing: ${HANDLER_TIMEOUT}.`;
      return { tone: 'problem', headline, evidence, fix };
    }
    case 'poison': {
      const retried = `${countOf(verdict.count, 'request has', 'requests have')} been retried ${verdict.threshold}× or more`;
      const evidence = verdict.requests.map(
        (request) =>
          `${request.url} (${request.id}): retried ${request.retryCount}×${request.lastError ? `, ${errorLine(request.lastError)}` : ''}`,
      );
      if (verdict.count > verdict.requests.length)
        evidence.push(`and ${formatCount(verdict.count - verdict.requests.length)} more`);
      const them = verdict.count === 1 ? 'it' : 'them';
      return {
        tone: 'warning',
        headline: verdict.latestError ? `${retried}; latest error: ${errorLine(verdict.latestError)}` : retried,
        evidence,
        fix: `Look at the ${verdict.count === 1 ? 'request' : 'requests'}: fix the request handler, or mark ${them} handled or delete ${them}.`,
      };
    }
    case 'finished':
      return { tone: 'ok', headline: 'Finished: nothing pending, no locks', evidence: [], fix: null };
  }
}

/** "10 back in the head (first at #1), 2 taken by crawler-a, 1 not seen". */
function wentText(went: readonly ExpiredLanding[]): string {
  const head = went.filter((landing) => landing.to === 'head');
  const takers = new Map<string | null, number>();
  let notSeen = 0;
  for (const landing of went) {
    if (landing.to === 'taken') takers.set(landing.by, (takers.get(landing.by) ?? 0) + 1);
    if (landing.to === 'not-seen') notSeen++;
  }
  const parts: string[] = [];
  if (head.length > 0) {
    const first = Math.min(...head.map((landing) => landing.position));
    parts.push(
      head.length === 1 ? `1 back in the head at #${first}` : `${head.length} back in the head (first at #${first})`,
    );
  }
  for (const [by, taken] of takers) parts.push(`${taken} taken by ${who(by)}`);
  if (notSeen > 0) parts.push(`${notSeen} not seen (handled, deleted or further back in the head)`);
  return parts.join(', ');
}

/** One line for an event: "crawler-a locked 25", "7 handled (holder not seen)"; the page shows its time beside it. */
export function describeEvent(event: OpsEvent): string {
  switch (event.kind) {
    case 'taken':
      return `${who(event.holder)} locked ${formatCount(event.count)}`;
    case 'prolonged':
      return `${who(event.holder)} prolonged ${formatCount(event.count)}`;
    case 'released':
      return `${who(event.holder)} released ${formatCount(event.count)}`;
    case 'handled':
      return event.holder === null
        ? `${formatCount(event.count)} handled (holder not seen)`
        : `${event.holder} handled ${formatCount(event.count)}`;
    case 'expired': {
      const expired = `${countOf(event.count, 'lock')} of ${who(event.holder)} expired`;
      if (event.went.length === 0) return expired;
      const of = event.went.length < event.count ? `; of the first ${event.went.length}: ` : ': ';
      return `${expired}${of}${wentText(event.went)}`;
    }
    case 'shared':
      return 'hadMultipleClients turned true: a second client used this queue';
  }
}
