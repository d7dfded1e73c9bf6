import type { ApiFilter, RequestView, ScanRow } from './types';

const isLocked = (row: ScanRow, now: number) => row.lockExpiresAt !== null && Date.parse(row.lockExpiresAt) > now;

/** Whether a request belongs in the view at `now` (server ms): the views the API lacks, decided here. */
export function matchesView(row: ScanRow, view: RequestView, now: number): boolean {
  if (view.urlContains && !row.url.includes(view.urlContains)) return false;
  switch (view.filter) {
    case 'all':
      return true;
    case 'handled':
      return row.handledAt !== null;
    case 'failed':
      return row.retryCount > 0 || row.errorCount > 0;
    case 'pending':
      return row.handledAt === null && !isLocked(row, now);
    case 'locked':
      return isLocked(row, now);
  }
}

/** The `listRequests` filter that narrows a scan for the view without losing any of its requests. */
export function apiFilterFor(view: RequestView): ApiFilter {
  return view.filter === 'pending' || view.filter === 'locked' ? view.filter : 'all';
}
