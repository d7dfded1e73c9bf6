import type { ReactNode } from 'react';

export interface Column {
  label: ReactNode;
  /** Width and alignment of the column's header cell, e.g. `w-16 text-right`. */
  className?: string;
}

/** A labelled, horizontally scrollable table with column headers; the rows come as children. */
export function DataTable({
  label,
  columns,
  children,
  className = '',
}: {
  label: string;
  columns: Column[];
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className="overflow-x-auto">
      <table className={`w-full text-left text-sm ${className}`} aria-label={label}>
        <thead className="text-xs text-zinc-500 uppercase dark:text-zinc-400">
          <tr>
            {columns.map((column, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed for a table
              <th key={index} scope="col" className={`py-1 pr-3 last:pr-0 ${column.className ?? ''}`}>
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
