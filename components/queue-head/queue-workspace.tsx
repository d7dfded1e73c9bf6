'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { lazy, Suspense, useRef, useState } from 'react';
import { z } from 'zod';
import { useSearchState } from '@/components/layout/use-search-state';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Skeleton, TableSkeleton } from '@/components/ui/skeleton';
import { borrowedKeyOn, clientKeyOn } from '@/lib/acting-as';
import { ActionFailure, errorMessage } from '@/lib/queries/action-error';
import { sessionQuery, snapshotQuery } from '@/lib/queries/options';
import { checkedNumberParam, intParam } from '@/lib/search-params';
import { AcknowledgeNotice } from './acknowledge-notice';
import { ActingBanner } from './acting-banner';
import { HeadSection } from './head-section';
import { QueueHeader } from './queue-header';
import { INTERVALS, RefreshControls } from './refresh-controls';
import { showDialog, useShortcuts } from './shortcuts';

const TABS = [
  ['head', 'Head and locks'],
  ['requests', 'All requests'],
  ['add', 'Add requests'],
] as const;
const workspaceParams = z.object({
  tab: z.enum(TABS.map(([key]) => key)).catch('head'),
  limit: intParam(100, 1, 1000),
  every: intParam(2, 1, 30),
  silentAfter: checkedNumberParam(60),
  poisonAt: checkedNumberParam(3),
});

// What the first paint does not need loads after it: the cockpit, the other tabs, the shortcuts' help
// and the offer to act as a linked client. The queue page's first-load JavaScript has a budget
// (README, Performance).
const OpsCockpit = lazy(() => import('@/components/ops/ops-cockpit'));
const RequestsView = lazy(() =>
  import('@/components/inspect/requests-view').then((m) => ({ default: m.RequestsView })),
);
const FindBox = lazy(() => import('@/components/inspect/find-box').then((m) => ({ default: m.FindBox })));
const ShortcutsHelp = lazy(() => import('./shortcuts-help').then((m) => ({ default: m.ShortcutsHelp })));
const ClientKeyFromLink = lazy(() => import('./client-key-link').then((m) => ({ default: m.ClientKeyFromLink })));
const AddRequestsForm = lazy(() =>
  import('@/components/requests/add-requests-form').then((m) => ({ default: m.AddRequestsForm })),
);

export function QueueWorkspace({ queueId }: { queueId: string }) {
  const [{ tab, limit, every, silentAfter, poisonAt }, set] = useSearchState(workspaceParams);
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

  const refresh = () => snapshot.refetch({ cancelRefetch: false });
  useShortcuts({
    r: refresh,
    l: () => {
      set({ tab: null });
      lockButton.current?.click();
    },
    '?': () => showDialog(help),
  });

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
  const actingAs = borrowedKeyOn(session?.actingAs, queueId);

  return (
    <div className="flex flex-col gap-4">
      <QueueHeader queue={data.queue} hasLocks={data.head ? data.locks.length > 0 : null} />
      <Suspense fallback={<Skeleton className="h-9" label="Loading the find box" />}>
        <FindBox queueId={queueId} />
      </Suspense>
      {session && actingAs && <ActingBanner actingAs={actingAs} ownKey={session.clientKey} />}
      {session && (
        <Suspense fallback={null}>
          <ClientKeyFromLink queueId={queueId} pageKey={clientKeyOn(session, queueId)} />
        </Suspense>
      )}
      {snapshot.error && !rateLimited && (
        <ErrorAlert title="The last refresh failed">{errorMessage(snapshot.error)}</ErrorAlert>
      )}
      {session && data.head && (
        <Suspense fallback={<Skeleton className="h-24" label="Judging the queue" />}>
          <OpsCockpit
            queueId={queueId}
            after={data.serverNow}
            silentAfter={silentAfter}
            poisonAt={poisonAt}
            pageKey={data.clientKey}
            sessionKey={session.clientKey}
            writeBlock={writeBlock}
          />
        </Suspense>
      )}

      <nav aria-label="Queue views" className="flex flex-wrap gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {TABS.map(([key, label]) => (
          <button
            key={key}
            type="button"
            aria-current={tab === key ? 'page' : undefined}
            onClick={() => set({ tab: key })}
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
            intervalSecs={INTERVALS.some((secs) => secs === every) ? every : 2}
            onIntervalChange={(secs) => set({ every: secs })}
            paused={paused}
            onPausedChange={setPaused}
            updatedAt={snapshot.dataUpdatedAt}
            snapshotAt={data.serverNow}
            fetching={snapshot.isFetching}
            slowedDown={rateLimited}
            onRefresh={refresh}
          />
          {data.head ? (
            <HeadSection
              queueId={queueId}
              snapshot={{ ...data, head: data.head }}
              limit={limit}
              onLimitChange={(n) => set({ limit: n })}
              target={session?.target ?? 'local'}
              writeBlock={writeBlock}
              lockButton={lockButton}
            />
          ) : (
            <AcknowledgeNotice queueId={queueId} clientKey={data.clientKey} action="Read the head anyway" />
          )}
        </>
      )}
      <Suspense fallback={<TableSkeleton label="Loading the tab" />}>
        {tab === 'requests' && (
          <RequestsView
            context={{ queueId, clientKey: data.clientKey, target: session?.target ?? 'local', writeBlock }}
            queue={data.queue}
          />
        )}
        {tab === 'add' && <AddRequestsForm queueId={queueId} writeBlock={writeBlock} />}
      </Suspense>
      <Suspense fallback={null}>
        <ShortcutsHelp dialog={help} />
      </Suspense>
    </div>
  );
}
