import type { ApiFilter, RequestView, ScanRow } from './types';

/**
 * What a view is decided on. Read straight off each request a scan or an export pages through, before
 * (and instead of) building anything per row: a scan of 100,000 keeps its memory that way.
 */
export interface ViewFacts {
  url: string;
  retryCount: number;
  errorCount: number;
  handled: boolean;
  /** When its lock expires (ms), or null when it was never locked. */
  lockExpiresMs: number | null;
}

export const factsOfRow = (row: ScanRow): ViewFacts => ({
  url: row.url,
  retryCount: row.retryCount,
  errorCount: row.errorCount,
  handled: row.handledAt !== null,
  lockExpiresMs: row.lockExpiresAt === null ? null : Date.parse(row.lockExpiresAt),
});

const isLocked = (facts: ViewFacts, now: number) => facts.lockExpiresMs !== null && facts.lockExpiresMs > now;

/** Whether a request belongs in the view at `now` (server ms): the views the API lacks, decided here. */
export function matchesView(facts: ViewFacts, view: RequestView, now: number): boolean {
  if (view.urlContains && !facts.url.includes(view.urlContains)) return false;
  switch (view.filter) {
    case 'all':
      return true;
    case 'handled':
      return facts.handled;
    case 'failed':
      return facts.retryCount > 0 || facts.errorCount > 0;
    case 'pending':
      return !facts.handled && !isLocked(facts, now);
    case 'locked':
      return isLocked(facts, now);
  }
}

/** The `listRequests` filter that narrows a scan for the view without losing any of its requests. */
export function apiFilterFor(view: RequestView): ApiFilter {
  return view.filter === 'pending' || view.filter === 'locked' ? view.filter : 'all';
}
