'use client';

import { useMemo, useState } from 'react';
import { z } from 'zod';
import { useSearchState } from '@/components/layout/use-search-state';
import { AcknowledgeNotice } from '@/components/queue-head/acknowledge-notice';
import { Button } from '@/components/ui/button';
import { TableSkeleton } from '@/components/ui/skeleton';
import { formatCount } from '@/lib/format';
import { type FailureGroup, groupFailures } from '@/lib/inspect/failure-groups';
import { PAGE_SIZES, pageOf, SORT_COLUMNS, sortRows } from '@/lib/inspect/table';
import { MAX_SCAN_ROWS, type RequestView } from '@/lib/inspect/types';
import { foundNoun } from '@/lib/inspect/view';
import { intParam } from '@/lib/search-params';
import { BulkBar } from './bulk-bar';
import { FailureList } from './failure-list';
import { PageNav } from './page-nav';
import { RequestRows } from './request-rows';
import { ScanProgress } from './scan-progress';
import type { TableContext } from './table-context';
import { useRowSelection } from './use-row-selection';
import { useScan } from './use-scan';

const scanParams = z.object({
  page: intParam(1, 1, 1_000_000),
  size: z.coerce
    .number()
    .pipe(z.union(PAGE_SIZES.map((size) => z.literal(size))))
    .catch(50),
  sort: z.enum(SORT_COLUMNS).catch('scan'),
  dir: z.enum(['asc', 'desc']).catch('asc'),
});

/** A view the API cannot give (handled, failed, URL contains): every request read, the matches kept. */
export function ScanView({ context, view, expected }: { context: TableContext; view: RequestView; expected: number }) {
  const { queueId } = context;
  const scan = useScan(queueId, view, expected);
  const [{ page, size, sort, dir }, set] = useSearchState(scanParams);
  const selected = useRowSelection();
  const [group, setGroup] = useState<FailureGroup | null>(null);
  const state = scan.state;
  const rows = state?.rows ?? [];
  const groups = useMemo(() => (view.filter === 'failed' ? groupFailures(rows) : []), [rows, view.filter]);
  const finished = state?.status === 'done';
  const inGroup = useMemo(() => (group ? new Set(group.requestIds) : null), [group]);
  const shownRows = useMemo(
    () => sortRows(inGroup ? rows.filter((row) => inGroup.has(row.id)) : rows, finished ? sort : 'scan', dir),
    [rows, inGroup, finished, sort, dir],
  );
  const current = pageOf(shownRows, page, size);
  const byId = useMemo(() => new Map(rows.map((row) => [row.id, row])), [rows]);

  if (!state) return <TableSkeleton label="Starting the scan" />;
  if (state.error?.code === 'needs-acknowledgement') {
    return (
      <div className="flex flex-col gap-2">
        <AcknowledgeNotice queueId={queueId} clientKey={context.clientKey} action="Accept" />
        <div>
          <Button size="sm" onClick={scan.rescan}>
            Scan again
          </Button>
        </div>
      </div>
    );
  }
  const allIds = shownRows.map((row) => row.id);
  const kept = state.matched > rows.length;
  return (
    <div className="flex flex-col gap-3">
      <ScanProgress state={state} noun={foundNoun(view)} onCancel={scan.cancel} onRescan={scan.rescan} />
      <FailureList
        queueId={queueId}
        groups={groups}
        urlOf={(id) => byId.get(id)?.url ?? ''}
        partial={!finished}
        onSelectGroup={(chosen) => selected.only(chosen.requestIds)}
        onShowInTable={(chosen) => {
          setGroup(chosen);
          set({ page: null });
        }}
      />
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span data-testid="row-count">
          {finished
            ? `${formatCount(shownRows.length)} ${group ? `with “${group.error}”` : foundNoun(view)} (exact)`
            : `${formatCount(shownRows.length)} so far${state.status === 'running' ? ', scanning' : ' (partial)'}`}
        </span>
        {kept && (
          <span className="text-zinc-600 dark:text-zinc-300">
            (the first {formatCount(MAX_SCAN_ROWS)} are kept; export for all)
          </span>
        )}
        {group && (
          <Button size="sm" variant="ghost" onClick={() => setGroup(null)}>
            Show every error
          </Button>
        )}
        {finished && allIds.length > 0 && (
          <Button size="sm" onClick={() => selected.toggle(allIds)}>
            {allIds.every(selected.has) ? 'Clear' : 'Select'} all {formatCount(allIds.length)} matching
          </Button>
        )}
        {!finished && (
          <span className="text-xs text-zinc-500">Sorting and jumping to a page need the finished scan.</span>
        )}
      </div>
      <BulkBar
        queueId={queueId}
        selectedIds={selected.selectedIds}
        knownRows={selected.selectedIds.flatMap((id) => byId.get(id) ?? [])}
        target={context.target}
        writeBlock={context.writeBlock}
        onClear={selected.clear}
        onGone={selected.drop}
      />
      <RequestRows
        queueId={queueId}
        rows={current.items}
        selection={selected.selection}
        onRowClick={(id, shift) => selected.click(allIds, id, shift)}
        onPageToggle={() => selected.toggle(current.items.map((row) => row.id))}
        sort={
          finished
            ? {
                column: sort,
                direction: dir,
                onSort: (column) =>
                  set({ sort: column, dir: column === sort && dir === 'asc' ? 'desc' : 'asc', page: null }),
              }
            : undefined
        }
        showErrors={view.filter === 'failed'}
        readAt={state.finishedAt ?? state.startedAt}
        emptyText={finished ? `No ${foundNoun(view)} requests.` : 'None found yet.'}
      />
      <PageNav
        page={current.page}
        pageCount={Math.max(1, Math.ceil(shownRows.length / size))}
        canJump={finished}
        size={size}
        onPage={(next) => set({ page: next })}
        onSize={(next) => set({ size: next, page: null })}
      />
    </div>
  );
}
