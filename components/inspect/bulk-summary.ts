import { countOf, formatCount } from '@/lib/format';
import type { BulkOperation, ScanRow } from '@/lib/inspect/types';
import type { BulkOptions } from './use-bulk';

/** "12 handled, 3 pending, 1 locked" for the selected rows whose state is known. */
export function stateBreakdown(rows: readonly ScanRow[], now: number): string {
  let handled = 0;
  let locked = 0;
  let pending = 0;
  for (const row of rows) {
    if (row.handledAt) handled++;
    else if (row.lockExpiresAt && Date.parse(row.lockExpiresAt) > now) locked++;
    else pending++;
  }
  return [
    handled && `${formatCount(handled)} handled`,
    pending && `${formatCount(pending)} pending`,
    locked && `${formatCount(locked)} locked`,
  ]
    .filter(Boolean)
    .join(', ');
}

/** What a bulk action will change, in a sentence or two, before it runs. */
export function bulkSummary(operation: BulkOperation, count: number, options: BulkOptions): string {
  const requests = countOf(count, 'request');
  switch (operation) {
    case 'reclaim':
      return `${requests} go back to pending, at the ${options.forefront ? 'front' : 'end'} of the queue, for a crawler to take again${options.resetRetries ? ', with retryCount set to 0' : ''}. Handled ones become pending, ones your clientKey holds are unlocked, pending ones stay as they are${options.forefront || options.resetRetries ? ' but are rewritten' : ''}.`;
    case 'mark-handled':
      return `${requests} are marked handled now: no crawler will take them again.`;
    case 'delete':
      return `${requests} are deleted from the queue, 25 per call. This cannot be undone.`;
  }
}

export const OPERATION_LABELS: Record<BulkOperation, string> = {
  reclaim: 'Reclaim',
  'mark-handled': 'Mark handled',
  delete: 'Delete',
};
