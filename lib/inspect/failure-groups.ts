import type { ScanRow } from './types';

/** Failed requests that share the first line of their last error message. */
export interface FailureGroup {
  /** The first line of the last error, or the placeholder for retried requests without a message. */
  error: string;
  count: number;
  /** The first request of the group, in scan order. */
  example: ScanRow;
  minRetries: number;
  maxRetries: number;
  requestIds: string[];
}

export const NO_MESSAGE = '(retried, no error message)';

/** Groups failed rows by their last error's first line, largest group first (ties: by error text). */
export function groupFailures(rows: readonly ScanRow[]): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const row of rows) {
    const error = row.lastError ?? NO_MESSAGE;
    const group = groups.get(error);
    if (!group) {
      groups.set(error, {
        error,
        count: 1,
        example: row,
        minRetries: row.retryCount,
        maxRetries: row.retryCount,
        requestIds: [row.id],
      });
      continue;
    }
    group.count += 1;
    group.minRetries = Math.min(group.minRetries, row.retryCount);
    group.maxRetries = Math.max(group.maxRetries, row.retryCount);
    group.requestIds.push(row.id);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.error.localeCompare(b.error));
}

/** "retried 2×" or "retried 1–3×". */
export const retryRange = ({ minRetries, maxRetries }: Pick<FailureGroup, 'minRetries' | 'maxRetries'>) =>
  minRetries === maxRetries ? `retried ${minRetries}×` : `retried ${minRetries}–${maxRetries}×`;
