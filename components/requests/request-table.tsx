'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { useSearchState } from '@/components/layout/use-search-state';
import { CountdownBar } from '@/components/locks/countdown-bar';
import { lockTotalMs } from '@/components/locks/lock-durations';
import { AcknowledgeNotice } from '@/components/queue-head/acknowledge-notice';
import { RequestLink } from '@/components/requests/request-link';
import { ErrorAlert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { Panel } from '@/components/ui/panel';
import { SafeUrl } from '@/components/ui/safe-link';
import { TableSkeleton } from '@/components/ui/skeleton';
import { ActionFailure, errorMessage } from '@/lib/queries/action-error';
import { requestsQuery } from '@/lib/queries/options';

const filterParam = z.enum(['all', 'pending', 'locked']).catch('all');
const tableParams = z.object({ filter: filterParam });
const PAGE_SIZE = 50;

/** Every request of the queue, filtered, with cursor pages (the API pages forward only). */
export function RequestTable({ queueId, clientKey }: { queueId: string; clientKey: string }) {
  const [{ filter }, set] = useSearchState(tableParams);
  // The cursor of each page read so far; the first page has none.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const page = useQuery({
    ...requestsQuery(queueId, { filter, cursor: cursors.at(-1), limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  return (
    <Panel
      title="All requests"
      actionsAtEnd
      className="flex flex-col gap-3"
      actions={
        <label className="flex items-center gap-1 text-sm">
          <span className="text-zinc-600 dark:text-zinc-300">Show</span>
          <select
            value={filter}
            onChange={(event) => {
              setCursors([undefined]);
              set({ filter: filterParam.parse(event.target.value) });
            }}
            className="h-8 rounded-md border border-zinc-300 bg-white px-1 dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="all">all</option>
            <option value="pending">pending (not locked)</option>
            <option value="locked">locked</option>
          </select>
        </label>
      }
    >
      {page.isPending && <TableSkeleton label="Loading requests" />}
      {page.error instanceof ActionFailure && page.error.code === 'needs-acknowledgement' ? (
        <AcknowledgeNotice queueId={queueId} clientKey={clientKey} action="List the requests anyway" />
      ) : (
        page.error && <ErrorAlert title="Could not list the requests">{errorMessage(page.error)}</ErrorAlert>
      )}
      {page.data && (
        <DataTable
          label="Requests"
          columns={[
            { label: 'ID' },
            { label: 'URL' },
            { label: 'Method' },
            { label: 'Retries', className: 'text-right' },
            { label: 'State' },
          ]}
        >
          {page.data.items.map((request) => (
            <tr key={request.id} data-testid="request-row" className="border-t border-zinc-100 dark:border-zinc-800">
              <td className="py-1.5 pr-3">
                <RequestLink queueId={queueId} requestId={request.id} />
              </td>
              <td className="max-w-md py-1.5 pr-3 text-xs">
                <SafeUrl url={request.url} max={90} />
              </td>
              <td className="py-1.5 pr-3 text-xs">{request.method}</td>
              <td className="py-1.5 pr-3 text-right text-xs tabular-nums">{request.retryCount}</td>
              <td className="py-1.5 text-xs">
                {request.handledAt ? (
                  <Badge tone="good">handled</Badge>
                ) : request.lockExpiresAt ? (
                  <span className="flex items-center gap-2">
                    <Badge tone="warn">locked</Badge>
                    <CountdownBar
                      expiresAt={request.lockExpiresAt}
                      totalMs={lockTotalMs(request.id, request.lockExpiresAt, Date.parse(page.data.serverNow))}
                    />
                  </span>
                ) : (
                  <Badge>pending</Badge>
                )}
              </td>
            </tr>
          ))}
          {page.data.items.length === 0 && (
            <tr>
              <td colSpan={5} className="py-4 text-center text-zinc-500 dark:text-zinc-400">
                No {filter === 'all' ? '' : `${filter} `}requests.
              </td>
            </tr>
          )}
        </DataTable>
      )}
      <nav aria-label="Request pages" className="flex items-center gap-2 text-sm">
        <Button size="sm" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous
        </Button>
        <span>Page {cursors.length}</span>
        <Button
          size="sm"
          disabled={!page.data?.nextCursor || page.isFetching}
          onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}
        >
          Next
        </Button>
      </nav>
    </Panel>
  );
}
