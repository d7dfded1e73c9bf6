'use client';

import { useEffect, useState } from 'react';
import { z } from 'zod';
import { useSearchState } from '@/components/layout/use-search-state';
import { Button } from '@/components/ui/button';
import { Panel } from '@/components/ui/panel';
import { API_FILTERS, REQUEST_FILTERS, type RequestView } from '@/lib/inspect/types';
import { needsScan } from '@/lib/inspect/view';
import { intParam, textParam } from '@/lib/search-params';
import type { QueueSummary } from '@/lib/types';
import { ApiPages } from './api-pages';
import { ExportControl } from './export-control';
import { scanKey } from './scan-store';
import { ScanView } from './scan-view';
import type { TableContext } from './table-context';

const viewParams = z.object({
  filter: z.enum(REQUEST_FILTERS).catch('all'),
  url: textParam(),
  // The scan table's page, reset when the view changes.
  page: intParam(1, 1, 1_000_000),
});

const FILTER_LABELS: Record<RequestView['filter'], string> = {
  all: 'all',
  pending: 'pending (not locked)',
  locked: 'locked',
  handled: 'handled (scan)',
  failed: 'failed (scan)',
};

/** The queue's requests: the API's own views page by page, the others by scanning; bulk actions; export. */
export function RequestsView({ context, queue }: { context: TableContext; queue: QueueSummary }) {
  const [{ filter, url }, set] = useSearchState(viewParams);
  const [draft, setDraft] = useState(url);
  useEffect(() => setDraft(url), [url]);
  const view: RequestView = url ? { filter, urlContains: url } : { filter };
  const expected = filter === 'pending' ? queue.pendingRequestCount : queue.totalRequestCount;
  const apiFilter = API_FILTERS.find((value) => value === filter);

  return (
    <Panel
      title="All requests"
      actionsAtEnd
      className="flex flex-col gap-3"
      actions={
        <div className="flex flex-wrap items-center gap-3">
          <label className="flex items-center gap-1 text-sm">
            <span className="text-zinc-600 dark:text-zinc-300">Show</span>
            <select
              value={filter}
              onChange={(event) => set({ filter: viewParams.shape.filter.parse(event.target.value), page: null })}
              className="h-8 rounded-md border border-zinc-300 bg-white px-1 dark:border-zinc-700 dark:bg-zinc-900"
            >
              {REQUEST_FILTERS.map((value) => (
                <option key={value} value={value}>
                  {FILTER_LABELS[value]}
                </option>
              ))}
            </select>
          </label>
          <form
            className="flex items-center gap-1 text-sm"
            onSubmit={(event) => {
              event.preventDefault();
              set({ url: draft.trim() || null, page: null });
            }}
          >
            <label className="flex items-center gap-1">
              <span className="text-zinc-600 dark:text-zinc-300">URL contains</span>
              <input
                value={draft}
                onChange={(event) => setDraft(event.target.value)}
                placeholder="substring (scans)"
                className="h-8 w-48 rounded-md border border-zinc-300 bg-white px-2 dark:border-zinc-700 dark:bg-zinc-900"
              />
            </label>
            <Button size="sm" type="submit">
              Apply
            </Button>
            {url && (
              <Button
                size="sm"
                variant="ghost"
                onClick={() => {
                  setDraft('');
                  set({ url: null, page: null });
                }}
              >
                Clear
              </Button>
            )}
          </form>
          <ExportControl queueId={context.queueId} view={view} />
        </div>
      }
    >
      {needsScan(view) || !apiFilter ? (
        <ScanView key={scanKey(context.queueId, view)} context={context} view={view} expected={expected} />
      ) : (
        <ApiPages key={filter} context={context} filter={apiFilter} total={queue.totalRequestCount} />
      )}
    </Panel>
  );
}
