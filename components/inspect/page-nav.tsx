'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { formatCount } from '@/lib/format';
import { PAGE_SIZES } from '@/lib/inspect/table';

interface PageNavProps {
  page: number;
  /** Known only for a finished scan; null while pages come from the API's cursor. */
  pageCount: number | null;
  canJump: boolean;
  hasNext?: boolean;
  size: number;
  onPage: (page: number) => void;
  onSize: (size: (typeof PAGE_SIZES)[number]) => void;
  busy?: boolean;
}

/** Previous / next, a jump to any page (when the page count is known) and the page size. */
export function PageNav({ page, pageCount, canJump, hasNext, size, onPage, onSize, busy = false }: PageNavProps) {
  const [jump, setJump] = useState('');
  const last = pageCount ?? Number.POSITIVE_INFINITY;
  return (
    <nav aria-label="Request pages" className="flex flex-wrap items-center gap-2 text-sm">
      <Button size="sm" disabled={page <= 1 || busy} onClick={() => onPage(page - 1)}>
        Previous
      </Button>
      <span>
        Page {formatCount(page)}
        {pageCount !== null && ` of ${formatCount(pageCount)}`}
      </span>
      <Button
        size="sm"
        disabled={(hasNext === undefined ? page >= last : !hasNext) || busy}
        onClick={() => onPage(page + 1)}
      >
        Next
      </Button>
      {canJump && pageCount !== null && pageCount > 1 && (
        <form
          className="flex items-center gap-1"
          onSubmit={(event) => {
            event.preventDefault();
            const target = Number(jump);
            if (Number.isInteger(target)) onPage(Math.min(Math.max(1, target), pageCount));
            setJump('');
          }}
        >
          <label className="flex items-center gap-1">
            <span className="text-zinc-600 dark:text-zinc-300">Go to page</span>
            <input
              inputMode="numeric"
              value={jump}
              onChange={(event) => setJump(event.target.value)}
              className="h-8 w-20 rounded-md border border-zinc-300 bg-white px-1 dark:border-zinc-700 dark:bg-zinc-900"
            />
          </label>
          <Button size="sm" type="submit">
            Go
          </Button>
        </form>
      )}
      <label className="ml-auto flex items-center gap-1">
        <span className="text-zinc-600 dark:text-zinc-300">Rows per page</span>
        <select
          value={size}
          onChange={(event) => onSize(Number(event.target.value) as (typeof PAGE_SIZES)[number])}
          className="h-8 rounded-md border border-zinc-300 bg-white px-1 dark:border-zinc-700 dark:bg-zinc-900"
        >
          {PAGE_SIZES.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
