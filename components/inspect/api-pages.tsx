'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { useSearchState } from '@/components/layout/use-search-state';
import { AcknowledgeNotice } from '@/components/queue-head/acknowledge-notice';
import { ErrorAlert } from '@/components/ui/alert';
import { TableSkeleton } from '@/components/ui/skeleton';
import { formatCount } from '@/lib/format';
import { lastErrorOf } from '@/lib/inspect/last-error';
import { PAGE_SIZES } from '@/lib/inspect/table';
import type { ApiFilter, ScanRow } from '@/lib/inspect/types';
import { ActionFailure, errorMessage } from '@/lib/queries/action-error';
import { requestsQuery } from '@/lib/queries/options';
import type { RequestDetail } from '@/lib/types';
import { BulkBar } from './bulk-bar';
import { PageNav } from './page-nav';
import { RequestRows } from './request-rows';
import type { TableContext } from './table-context';
import { useRowSelection } from './use-row-selection';

const sizeParams = z.object({
  size: z.coerce
    .number()
    .pipe(z.union(PAGE_SIZES.map((size) => z.literal(size))))
    .catch(50),
});

const toRow = (request: RequestDetail): ScanRow => ({
  id: request.id,
  url: request.url,
  uniqueKey: request.uniqueKey,
  method: request.method,
  retryCount: request.retryCount,
  handledAt: request.handledAt,
  errorCount: request.errorMessages.length,
  lastError: lastErrorOf(request.errorMessages),
  lockExpiresAt: request.lockExpiresAt,
});

/** A view the API serves (all, pending, locked): its pages, read forward with the API's cursor. */
export function ApiPages({ context, filter, total }: { context: TableContext; filter: ApiFilter; total: number }) {
  const { queueId } = context;
  const [{ size }, set] = useSearchState(sizeParams);
  // The cursor of each page read so far; the first page has none.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const selected = useRowSelection();
  const page = useQuery({
    ...requestsQuery(queueId, { filter, cursor: cursors.at(-1), limit: size }),
    placeholderData: keepPreviousData,
  });
  const rows = page.data?.items.map(toRow) ?? [];
  const ids = rows.map((row) => row.id);
  const first = (cursors.length - 1) * size + 1;

  if (page.error instanceof ActionFailure && page.error.code === 'needs-acknowledgement') {
    return <AcknowledgeNotice queueId={queueId} clientKey={context.clientKey} action="List the requests anyway" />;
  }
  return (
    <div className="flex flex-col gap-3">
      {page.isPending && <TableSkeleton label="Loading requests" />}
      {page.error && <ErrorAlert title="Could not list the requests">{errorMessage(page.error)}</ErrorAlert>}
      {page.data && (
        <>
          <p className="text-sm" data-testid="row-count">
            {rows.length === 0
              ? 'No rows on this page.'
              : `Rows ${formatCount(first)}–${formatCount(first + rows.length - 1)} `}
            {filter === 'all'
              ? `of ${formatCount(total)} (the queue's own count)`
              : '(the API does not count a filtered list: a scan filter or an export gives the exact number)'}
          </p>
          <BulkBar
            queueId={queueId}
            selectedIds={selected.selectedIds}
            knownRows={rows.filter((row) => selected.has(row.id))}
            target={context.target}
            writeBlock={context.writeBlock}
            onClear={selected.clear}
            onGone={selected.drop}
          />
          <RequestRows
            queueId={queueId}
            rows={rows}
            selection={selected.selection}
            onRowClick={(id, shift) => selected.click(ids, id, shift)}
            onPageToggle={() => selected.toggle(ids)}
            showErrors={false}
            readAt={Date.parse(page.data.serverNow)}
            emptyText={`No ${filter === 'all' ? '' : `${filter} `}requests.`}
          />
        </>
      )}
      <PageNav
        page={cursors.length}
        pageCount={null}
        canJump={false}
        hasNext={Boolean(page.data?.nextCursor)}
        busy={page.isFetching}
        size={size}
        onPage={(next) =>
          next < cursors.length
            ? setCursors(cursors.slice(0, next))
            : page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])
        }
        onSize={(next) => {
          setCursors([undefined]);
          set({ size: next });
        }}
      />
    </div>
  );
}
