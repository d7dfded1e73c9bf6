'use client';

import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { useSearchState } from '@/components/layout/use-search-state';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TableSkeleton } from '@/components/ui/skeleton';
import { formatCount } from '@/lib/format';
import { errorMessage } from '@/lib/queries/action-error';
import { queueListQuery, queueMarksQuery } from '@/lib/queries/options';
import { flagParam, intParam, textParam } from '@/lib/search-params';
import type { QueueSummary } from '@/lib/types';
import { QueueTable } from './queue-table';

const PAGE_SIZE = 20;
const sortParam = z.enum(['created', 'modified', 'name', 'pending']).catch('created');
const SORTS: Record<z.output<typeof sortParam>, { label: string; by: (q: QueueSummary) => string | number }> = {
  created: { label: 'Created', by: (q) => q.createdAt },
  modified: { label: 'Modified', by: (q) => q.modifiedAt },
  name: { label: 'Name', by: (q) => (q.name ?? '').toLowerCase() },
  pending: { label: 'Pending', by: (q) => q.pendingRequestCount },
};
const listParams = z.object({
  q: textParam(),
  sort: sortParam,
  desc: flagParam(),
  unnamed: flagParam(),
  page: intParam(1, 1, 10_000),
});

/** How often the list re-reads its queues' verdicts (from the recorder: no upstream call). */
const MARKS_EVERY_MS = 10_000;

export function QueueList() {
  const [{ q: search, sort, desc, unnamed, page }, set] = useSearchState(listParams);
  // The API sorts by creation only: fetch up to 1000 and search, sort and page here.
  const list = useQuery(queueListQuery({ offset: 0, limit: 1000, desc: false, unnamed }));

  const rows = (list.data?.items ?? [])
    .filter((q) => (q.name ?? q.id).toLowerCase().includes(search.toLowerCase()))
    .sort((a, b) => {
      const [x, y] = [SORTS[sort].by(a), SORTS[sort].by(b)];
      return (x < y ? -1 : x > y ? 1 : 0) * (desc ? -1 : 1);
    });
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const marks = useQuery({
    ...queueMarksQuery(shown.map((queue) => queue.id)),
    enabled: shown.length > 0,
    refetchInterval: MARKS_EVERY_MS,
  });
  const markOf = new Map((marks.data ?? []).map((mark) => [mark.queueId, mark]));

  return (
    <section aria-labelledby="queues-title" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <h1 id="queues-title" className="mr-auto text-2xl font-semibold">
          Request queues
        </h1>
        <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-300">
          Search by name
          <input
            type="search"
            value={search}
            onChange={(event) => set({ q: event.target.value, page: null })}
            className="h-9 w-56 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
          />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-300">
          Sort by
          <select
            value={sort}
            onChange={(event) => set({ sort: sortParam.parse(event.target.value), page: null })}
            className="h-9 rounded-md border border-zinc-300 bg-white px-2 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
          >
            {Object.entries(SORTS).map(([key, { label }]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex h-9 items-center gap-2 text-sm">
          <input type="checkbox" checked={desc} onChange={(event) => set({ desc: event.target.checked })} />
          Descending
        </label>
        <label className="flex h-9 items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={unnamed}
            onChange={(event) => set({ unnamed: event.target.checked, page: null })}
          />
          Include unnamed
        </label>
      </div>

      {list.isPending && <TableSkeleton label="Loading queues" />}
      {list.error && <ErrorAlert title="Could not list the queues">{errorMessage(list.error)}</ErrorAlert>}
      {list.data && (
        <>
          <QueueTable
            queues={shown}
            marks={markOf}
            emptyMessage={search ? `No queue matches “${search}”.` : 'No queues yet.'}
          />
          <nav aria-label="Queue list pages" className="flex items-center gap-2 text-sm">
            <Button size="sm" disabled={page <= 1} onClick={() => set({ page: page - 1 })}>
              Previous
            </Button>
            <span>
              Page {Math.min(page, pages)} of {pages} · {formatCount(rows.length)} queues
              {list.data.total > list.data.items.length &&
                ` (first ${list.data.items.length} of ${list.data.total} loaded)`}
            </span>
            <Button size="sm" disabled={page >= pages} onClick={() => set({ page: page + 1 })}>
              Next
            </Button>
          </nav>
        </>
      )}
    </section>
  );
}
