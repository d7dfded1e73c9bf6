import type { ScanRow } from './types';

/** The columns a scan can sort by (the API itself sorts by nothing). */
export const SORT_COLUMNS = ['scan', 'retries', 'handledAt', 'url'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortDirection = 'asc' | 'desc';
export const PAGE_SIZES = [25, 50, 100, 500] as const;

const compareBy: Record<Exclude<SortColumn, 'scan'>, (a: ScanRow, b: ScanRow) => number> = {
  retries: (a, b) => a.retryCount - b.retryCount,
  // Requests never handled sort after every handled one, whatever the direction.
  handledAt: (a, b) => (a.handledAt ?? '').localeCompare(b.handledAt ?? ''),
  url: (a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0),
};

/** The rows in the chosen order; `scan` keeps the order they were read in. Stable; never mutates. */
export function sortRows(rows: readonly ScanRow[], column: SortColumn, direction: SortDirection): readonly ScanRow[] {
  if (column === 'scan') return direction === 'asc' ? rows : [...rows].reverse();
  const compare = compareBy[column];
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (column === 'handledAt' && (a.handledAt === null) !== (b.handledAt === null)) return a.handledAt ? -1 : 1;
    return sign * compare(a, b);
  });
}

export const pageCount = (rowCount: number, pageSize: number) => Math.max(1, Math.ceil(rowCount / pageSize));

/** Page `page` (1-based, clamped into range) of the rows. */
export function pageOf<T>(rows: readonly T[], page: number, pageSize: number): { page: number; items: readonly T[] } {
  const last = pageCount(rows.length, pageSize);
  const clamped = Math.min(Math.max(1, Math.floor(page) || 1), last);
  return { page: clamped, items: rows.slice((clamped - 1) * pageSize, clamped * pageSize) };
}
