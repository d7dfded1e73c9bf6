import type { ReactNode } from 'react';
import { cardClass } from './panel';

export interface Column {
  label: ReactNode;
  /** Width and alignment of the column's header cell, e.g. `w-16 text-right`. */
  className?: string;
  /** For a sortable column: how the rows are sorted by it now. */
  sort?: 'ascending' | 'descending' | 'none';
}

const LOOKS = {
  /** Inside a panel: no frame of its own, tight cells. */
  plain: {
    frame: 'overflow-x-auto',
    head: 'text-xs text-zinc-500 uppercase dark:text-zinc-400',
    cell: 'py-1 pr-3 last:pr-0',
  },
  /** On its own on a page: a card of its own, a rule under the header, roomier cells. */
  framed: {
    frame: `overflow-x-auto ${cardClass}`,
    head: 'border-b border-zinc-200 text-xs text-zinc-500 uppercase dark:border-zinc-800 dark:text-zinc-400',
    cell: 'px-3 py-2',
  },
};

/** A labelled, horizontally scrollable table with column headers; the rows come as children. */
export function DataTable({
  label,
  columns,
  children,
  className = '',
  framed = false,
}: {
  label: string;
  columns: Column[];
  children: ReactNode;
  className?: string;
  framed?: boolean;
}) {
  const look = LOOKS[framed ? 'framed' : 'plain'];
  return (
    <div className={look.frame}>
      <table className={`w-full text-left text-sm ${className}`} aria-label={label}>
        <thead className={look.head}>
          <tr>
            {columns.map((column, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed for a table
              <th key={index} scope="col" aria-sort={column.sort} className={`${look.cell} ${column.className ?? ''}`}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
