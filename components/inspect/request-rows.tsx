'use client';

import { CountdownBar } from '@/components/locks/countdown-bar';
import { lockTotalMs } from '@/components/locks/lock-durations';
import { RequestLink } from '@/components/requests/request-link';
import { Badge } from '@/components/ui/badge';
import { type Column, DataTable } from '@/components/ui/data-table';
import { SafeUrl } from '@/components/ui/safe-link';
import type { Selection } from '@/lib/inspect/selection';
import type { SortColumn, SortDirection } from '@/lib/inspect/table';
import type { ScanRow } from '@/lib/inspect/types';

export interface SortState {
  column: SortColumn;
  direction: SortDirection;
  onSort: (column: SortColumn) => void;
}

interface RequestRowsProps {
  queueId: string;
  rows: readonly ScanRow[];
  selection: Selection;
  onRowClick: (requestId: string, shift: boolean) => void;
  onPageToggle: () => void;
  /** When the view can be sorted (a finished scan): the order and how to change it. */
  sort?: SortState | undefined;
  /** Show the last error (the failed view). */
  showErrors: boolean;
  /** When the rows were read, as the server's clock had it (for lock countdowns). */
  readAt: number;
  emptyText: string;
}

function SortButton({ label, column, sort }: { label: string; column: SortColumn; sort: SortState }) {
  const active = sort.column === column;
  const arrow = active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : '';
  return (
    <button type="button" className="uppercase hover:underline" onClick={() => sort.onSort(column)}>
      {label}
      {arrow}
    </button>
  );
}

const sortOf = (sort: SortState | undefined, column: SortColumn): Column['sort'] =>
  sort === undefined
    ? undefined
    : sort.column !== column
      ? 'none'
      : sort.direction === 'asc'
        ? 'ascending'
        : 'descending';

/** The requests of one table page, each with a checkbox (shift-click selects a range). */
export function RequestRows(props: RequestRowsProps) {
  const { queueId, rows, selection, sort, showErrors, readAt } = props;
  const allShown = rows.length > 0 && rows.every((row) => selection.ids.has(row.id));
  const header = (label: string, column: SortColumn) => (sort ? <SortButton {...{ label, column, sort }} /> : label);
  const columns: Column[] = [
    {
      label: (
        <input
          type="checkbox"
          aria-label="Select the requests shown"
          checked={allShown}
          onChange={props.onPageToggle}
          disabled={rows.length === 0}
        />
      ),
      className: 'w-6',
    },
    { label: 'ID' },
    { label: header('URL', 'url'), sort: sortOf(sort, 'url') },
    { label: 'Method' },
    { label: header('Retries', 'retries'), className: 'text-right', sort: sortOf(sort, 'retries') },
    { label: header('State', 'handledAt'), sort: sortOf(sort, 'handledAt') },
    ...(showErrors ? [{ label: 'Last error' }] : []),
  ];
  return (
    <DataTable label="Requests" columns={columns}>
      {rows.map((row) => (
        <tr key={row.id} data-testid="request-row" className="border-t border-zinc-100 dark:border-zinc-800">
          <td className="py-1.5 pr-2">
            <input
              type="checkbox"
              aria-label={`Select ${row.id}`}
              checked={selection.ids.has(row.id)}
              onChange={() => {}}
              onClick={(event) => props.onRowClick(row.id, event.shiftKey)}
            />
          </td>
          <td className="py-1.5 pr-3">
            <RequestLink queueId={queueId} requestId={row.id} />
          </td>
          <td className="max-w-md py-1.5 pr-3 text-xs">
            <SafeUrl url={row.url} max={90} />
          </td>
          <td className="py-1.5 pr-3 text-xs">{row.method}</td>
          <td className="py-1.5 pr-3 text-right text-xs tabular-nums">{row.retryCount}</td>
          <td className="py-1.5 pr-3 text-xs">
            <RowState row={row} readAt={readAt} />
          </td>
          {showErrors && (
            <td className="max-w-sm py-1.5 text-xs break-words text-red-800 dark:text-red-300">
              {row.lastError ?? '—'}
            </td>
          )}
        </tr>
      ))}
      {rows.length === 0 && (
        <tr>
          <td colSpan={columns.length} className="py-4 text-center text-zinc-500 dark:text-zinc-400">
            {props.emptyText}
          </td>
        </tr>
      )}
    </DataTable>
  );
}

function RowState({ row, readAt }: { row: ScanRow; readAt: number }) {
  if (row.handledAt) {
    return (
      <span title={row.handledAt}>
        <Badge tone="good">handled</Badge>
      </span>
    );
  }
  if (row.lockExpiresAt && Date.parse(row.lockExpiresAt) > readAt) {
    return (
      <span className="flex items-center gap-2">
        <Badge tone="warn">locked</Badge>
        <CountdownBar expiresAt={row.lockExpiresAt} totalMs={lockTotalMs(row.id, row.lockExpiresAt, readAt)} />
      </span>
    );
  }
  return <Badge>pending</Badge>;
}
