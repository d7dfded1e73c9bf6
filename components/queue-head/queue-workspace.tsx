'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { readInt, useSearchState } from '@/components/layout/use-search-state';
import { LockPanel } from '@/components/locks/lock-panel';
import { syncServerClock } from '@/components/locks/server-clock';
import { AddRequestsForm } from '@/components/requests/add-requests-form';
import { RequestTable } from '@/components/requests/request-table';
import { ErrorAlert, Notice } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Skeleton, TableSkeleton } from '@/components/ui/skeleton';
import { ActionFailure, errorMessage } from '@/lib/queries/action-error';
import { useAcknowledgeQueue } from '@/lib/queries/mutations';
import { sessionQuery, snapshotQuery } from '@/lib/queries/options';
import { ClientKeyFromLink } from './client-key-link';
import { HeadTable } from './head-table';
import { QueueHeader } from './queue-header';
import { INTERVALS, RefreshControls } from './refresh-controls';
import { ShortcutsHelp, showDialog, useShortcuts } from './shortcuts';

const TABS = [
  ['head', 'Head and locks'],
  ['requests', 'All requests'],
  ['add', 'Add requests'],
] as const;
type Tab = (typeof TABS)[number][0];
const HEAD_LIMITS = [10, 25, 50, 100, 250, 500, 1000] as const;

export function QueueWorkspace({ queueId }: { queueId: string }) {
  const { get, set } = useSearchState();
  const tab = (TABS.some(([key]) => key === get('tab')) ? get('tab') : 'head') as Tab;
  const limit = readInt(get('limit', '100'), 100, 1, 1000);
  const every = readInt(get('every', '2'), 2, 1, 30);
  const [paused, setPaused] = useState(false);
  const help = useRef<HTMLDialogElement>(null);
  const lockButton = useRef<HTMLButtonElement>(null);

  const session = useQuery(sessionQuery()).data;

  const snapshot = useQuery({
    ...snapshotQuery(queueId, { limit }),
    refetchInterval: (query) => {
      if (paused) return false;
      const error = query.state.error;
      // A 429 slows polling down instead of erroring in a loop.
      if (error instanceof ActionFailure && error.code === 'rate-limited') {
        return Math.max(every * 4000, (error.retryAfter ?? 5) * 1000);
      }
      return every * 1000;
    },
  });
  const data = snapshot.data;
  useEffect(() => {
    if (!data) return;
    syncServerClock(data.serverNow);
  }, [data]);

  const refresh = () => snapshot.refetch({ cancelRefetch: false });
  useShortcuts({
    r: refresh,
    l: () => {
      set({ tab: null });
      lockButton.current?.click();
    },
    '?': () => showDialog(help),
  });

  const acknowledge = useAcknowledgeQueue();
  const rateLimited = snapshot.error instanceof ActionFailure && snapshot.error.code === 'rate-limited';

  if (snapshot.isPending) {
    return (
      <div className="flex flex-col gap-4">
        <Skeleton className="h-40" label="Loading the queue" />
        <TableSkeleton label="Loading the head" />
      </div>
    );
  }
  if (!data) {
    return (
      <div className="flex flex-col gap-3">
        <ErrorAlert title="Could not load this queue">{errorMessage(snapshot.error)}</ErrorAlert>
        <Link href="/" className="text-sm text-sky-700 underline dark:text-sky-400">
          Back to the queue list
        </Link>
      </div>
    );
  }

  const writeBlock = session?.writesArmed
    ? null
    : 'Read-only session: arm writes in the header to lock, unlock or change requests.';

  return (
    <div className="flex flex-col gap-4">
      <QueueHeader queue={data.queue} hasLocks={data.head ? data.locks.length > 0 : null} />
      {session && <ClientKeyFromLink sessionKey={session.clientKey} />}
      {snapshot.error && !rateLimited && (
        <ErrorAlert title="The last refresh failed">{errorMessage(snapshot.error)}</ErrorAlert>
      )}

      <nav aria-label="Queue views" className="flex flex-wrap gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {TABS.map(([key, label]) => (
          <button
            key={key}
            type="button"
            aria-current={tab === key ? 'page' : undefined}
            onClick={() => set({ tab: key === 'head' ? null : key })}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${tab === key ? 'border-amber-500 text-zinc-900 dark:text-zinc-100' : 'border-transparent text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200'}`}
          >
            {label}
          </button>
        ))}
        <Button
          size="sm"
          variant="ghost"
          className="ml-auto self-center"
          onClick={() => showDialog(help)}
          aria-keyshortcuts="?"
        >
          Shortcuts
        </Button>
      </nav>

      {tab === 'head' && (
        <>
          <RefreshControls
            intervalSecs={INTERVALS.includes(every as (typeof INTERVALS)[number]) ? every : 2}
            onIntervalChange={(secs) => set({ every: secs === 2 ? null : secs })}
            paused={paused}
            onPausedChange={setPaused}
            updatedAt={snapshot.dataUpdatedAt}
            fetching={snapshot.isFetching}
            slowedDown={rateLimited}
            onRefresh={refresh}
          />
          {!data.head ? (
            <Notice>
              <p className="font-medium">Reading the head registers Headlock as a client of this queue.</p>
              <p className="mt-1">
                This queue has had a single client so far (<code>hadMultipleClients: false</code>). Reading its head
                sends this session's clientKey <code>{session?.clientKey}</code>, which turns{' '}
                <code>hadMultipleClients</code> true for good (unless it is that one client’s own key); a crawler that
                trusts its local counts while the flag is false will then double-check with the API. The queue's counts
                above were read without registering.
              </p>
              <Button
                variant="primary"
                size="sm"
                className="mt-2"
                disabled={acknowledge.isPending}
                onClick={() => acknowledge.mutate({ queueId })}
              >
                Read the head anyway
              </Button>
              {acknowledge.error && <ErrorAlert>{errorMessage(acknowledge.error)}</ErrorAlert>}
            </Notice>
          ) : (
            <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
              <section
                aria-labelledby="head-title"
                className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
              >
                <div className="flex flex-wrap items-center gap-3">
                  <h2 id="head-title" className="text-lg font-semibold">
                    Head
                  </h2>
                  <label className="flex items-center gap-1 text-sm">
                    <span className="text-zinc-600 dark:text-zinc-300">First</span>
                    <select
                      value={limit}
                      onChange={(event) =>
                        set({ limit: Number(event.target.value) === 100 ? null : event.target.value })
                      }
                      className="h-8 rounded-md border border-zinc-300 bg-white px-1 dark:border-zinc-700 dark:bg-zinc-900"
                    >
                      {[...new Set([...HEAD_LIMITS, limit])]
                        .sort((a, b) => a - b)
                        .map((n) => (
                          <option key={n} value={n}>
                            {n}
                          </option>
                        ))}
                    </select>
                    <span className="text-zinc-600 dark:text-zinc-300">requests</span>
                  </label>
                  <span className="text-xs text-zinc-500 dark:text-zinc-400">
                    {data.head.items.length} shown · queueModifiedAt{' '}
                    <time dateTime={data.head.queueModifiedAt}>{data.head.queueModifiedAt}</time>
                  </span>
                </div>
                <HeadTable queueId={queueId} items={data.head.items} />
              </section>
              <LockPanel
                queueId={queueId}
                snapshot={data}
                session={session ?? undefined}
                writeBlock={writeBlock}
                lockButton={lockButton}
              />
            </div>
          )}
        </>
      )}
      {tab === 'requests' && <RequestTable queueId={queueId} />}
      {tab === 'add' && <AddRequestsForm queueId={queueId} writeBlock={writeBlock} />}
      <ShortcutsHelp dialog={help} />
    </div>
  );
}
