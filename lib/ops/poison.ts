import type { History, RetriedRequest, Verdict } from './history';

// Requests that keep failing: each retry reclaims them to the head, where they fail again and hold
// up a crawler's slot. Read over the whole history, one pass, a Map per request.

/** A poison verdict lists at most this many requests. */
const POISON_LISTED = 10;

interface Seen {
  request: RetriedRequest;
  lastSeenAt: number;
}

/** Worst first: most retried, then most recently seen, then by id. */
const worstFirst = (a: Seen, b: Seen) =>
  b.request.retryCount - a.request.retryCount ||
  b.lastSeenAt - a.lastSeenAt ||
  (a.request.id < b.request.id ? -1 : a.request.id > b.request.id ? 1 : 0);

/** Requests retried `threshold` times or more anywhere in the history, or null when there are none. */
export function poisonOf(history: History, threshold: number): Extract<Verdict, { kind: 'poison' }> | null {
  const seen = new Map<string, Seen>();
  for (const sample of history) {
    for (const request of sample.retried) {
      const earlier = seen.get(request.id)?.request;
      seen.set(request.id, {
        // The latest sighting's url; the highest retry count and the latest error message seen.
        request: {
          ...request,
          retryCount: Math.max(request.retryCount, earlier?.retryCount ?? 0),
          lastError: request.lastError ?? earlier?.lastError ?? null,
        },
        lastSeenAt: sample.at,
      });
    }
  }
  const poison = [...seen.values()].filter((entry) => entry.request.retryCount >= threshold);
  if (poison.length === 0) return null;
  const latestWithError = poison
    .filter((entry) => entry.request.lastError !== null)
    .reduce<Seen | null>((best, entry) => (!best || entry.lastSeenAt > best.lastSeenAt ? entry : best), null);
  return {
    kind: 'poison',
    threshold,
    count: poison.length,
    requests: poison
      .sort(worstFirst)
      .slice(0, POISON_LISTED)
      .map((entry) => entry.request),
    latestError: latestWithError?.request.lastError ?? null,
  };
}
