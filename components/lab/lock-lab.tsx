'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useCallback, useMemo, useRef } from 'react';
import { z } from 'zod';
import { useSearchState } from '@/components/layout/use-search-state';
import { serverTimeNow, useServerNow } from '@/components/locks/server-clock';
import { Button } from '@/components/ui/button';
import { cardClass } from '@/components/ui/panel';
import { type Lease, leasesOf } from '@/lib/lab/leases';
import { frontRequests } from '@/lib/lab/placement';
import { stripOf } from '@/lib/lab/strip';
import { tallyOf } from '@/lib/lab/tally';
import { LANE_IDS, type LabOp, type LabQueue, type LabView, type LaneId } from '@/lib/lab/types';
import { errorMessage } from '@/lib/queries/action-error';
import { labViewQuery, sessionQuery } from '@/lib/queries/options';
import { flagParam, intParam, textParam } from '@/lib/search-params';
import { DemoBar } from './demo-bar';
import { demoById } from './demo-scripts';
import { HeadStrip } from './head-strip';
import { LabCalls } from './lab-calls';
import { LabCaptions } from './lab-captions';
import { LabStatus } from './lab-status';
import { type HeldLock, LaneCard } from './lane-card';
import { LeaseTimeline } from './lease-timeline';
import { NewLabQueueButton } from './new-lab-queue-button';
import { usePresenterType } from './presenter-type';
import { useCrawlers } from './use-crawlers';
import { useDemo } from './use-demo';
import { useLabLog } from './use-lab-log';

const labParams = z.object({ present: flagParam(), demo: textParam(), lanes: intParam(0, 0, 4) });

/** The locks each lane holds now: from its own steps, and from the view for any this page did not see taken. */
function heldLocks(
  lane: LaneId,
  lab: LabQueue,
  leases: Lease[],
  view: LabView | undefined,
  now: number,
  labels: Map<string, string>,
): HeldLock[] {
  const key = lab.lanes.find((candidate) => candidate.id === lane)?.clientKey;
  const fromSteps = leases
    .filter((lease) => lease.lane === lane && lease.end === 'open' && lease.expiresAt > now)
    .map((lease) => ({
      requestId: lease.requestId,
      label: labels.get(lease.requestId) ?? lease.requestId,
      expiresAt: lease.expiresAt,
      lockSecs: Math.max(1, Math.round((lease.expiresAt - lease.grantedAt) / 1000)),
    }));
  const known = new Set(leases.map((lease) => lease.requestId));
  const fromView = (view?.requests ?? [])
    .filter((request) => request.lockByClient === key && request.lockExpiresAt && !known.has(request.id))
    .map((request) => ({
      requestId: request.id,
      label: request.label,
      expiresAt: Date.parse(request.lockExpiresAt ?? ''),
      lockSecs: Math.max(1, Math.round((Date.parse(request.lockExpiresAt ?? '') - now) / 1000)),
    }))
    .filter((lock) => lock.expiresAt > now);
  return [...fromSteps, ...fromView];
}

/** Why hadMultipleClients reads as it does, from the lanes' steps. */
function flagReason(shared: boolean | undefined, lanesActed: LaneId[]) {
  if (shared === undefined) return '';
  if (!shared) return lanesActed.length <= 1 ? 'one client so far' : '';
  if (lanesActed.length >= 2) return `clients ${lanesActed.join(' and ')} both used the queue: it never turns back`;
  return 'another clientKey used this queue: it never turns back';
}

/** The lock lab: 1–4 clients on one queue, their leases over time, the queue in order, and every call. */
export function LockLab({ lab }: { lab: LabQueue }) {
  const [{ present, demo: demoId, lanes: lanesParam }, setParams] = useSearchState(labParams);
  const demo = demoById(demoId || null);
  const laneCount = lanesParam || demo?.lanes || 1;
  usePresenterType(present);

  const viewQuery = useQuery(labViewQuery(lab.queueId));
  const view = viewQuery.data;
  const now = useServerNow();
  const { log, captions, labels, runStep } = useLabLog(lab, view);
  const { statuses, start, crash } = useCrawlers(runStep, serverTimeNow);
  const { data: session } = useQuery(sessionQuery());
  const writesRefused = session && !session.writesArmed ? 'Read-only: arm writes to act.' : null;

  const leases = useMemo(() => leasesOf(log, now, lab.seededForefront), [log, now, lab.seededForefront]);
  const leasesRef = useRef(leases);
  leasesRef.current = leases;
  const viewRef = useRef(view);
  viewRef.current = view;
  const tally = useMemo(() => tallyOf(log, leases), [log, leases]);
  const cells = useMemo(
    () => (view ? stripOf(view, lab.lanes, frontRequests(lab.seededForefront, log)) : []),
    [view, lab, log],
  );
  const lanesActed = LANE_IDS.filter((lane) => log.some((entry) => entry.lane === lane));

  const act = useCallback(
    async (lane: LaneId, op: LabOp) => {
      const run = await runStep(lane, op);
      if ('entry' in run) return run.entry.error;
      return 'refused' in run ? run.refused : null;
    },
    [runStep],
  );
  const player = useDemo(demo, {
    act: runStep,
    startCrawler: start,
    crash,
    leases: () => leasesRef.current,
    view: () => viewRef.current,
    now: serverTimeNow,
  });

  const frame = present
    ? 'fixed inset-0 z-40 overflow-hidden bg-zinc-50 p-3 dark:bg-zinc-950'
    : 'h-[calc(100dvh-7.5rem)] min-h-[40rem]';

  return (
    <div
      data-testid="lock-lab"
      className={`${frame} grid grid-cols-[minmax(0,1fr)] grid-rows-[auto_auto_minmax(0,1fr)] gap-2`}
    >
      <header className="flex min-w-0 flex-wrap items-center gap-x-4 gap-y-1">
        <h1 className="text-[1.2em] font-semibold">
          Lock lab{' '}
          <span className="font-mono text-[0.8em] text-zinc-500 dark:text-zinc-400">
            {view?.name ?? lab.name ?? lab.queueId}
          </span>
        </h1>
        <LabStatus view={view} tally={tally} flagWhy={flagReason(view?.hadMultipleClients, lanesActed)} />
        <div className="ml-auto flex items-center gap-2">
          {!present && <NewLabQueueButton />}
          {!present && (
            <Link href={`/queues/${encodeURIComponent(lab.queueId)}`} className="text-sm underline">
              Queue page
            </Link>
          )}
          <Button size="sm" onClick={() => setParams({ present: !present })} aria-pressed={present}>
            {present ? 'Leave presenter mode' : 'Presenter mode'}
          </Button>
        </div>
      </header>
      <div className={`${cardClass} px-3 py-2`}>
        <DemoBar demo={demo} player={player} present={present} />
      </div>
      <div className="grid min-h-0 grid-cols-[minmax(0,3fr)_minmax(15rem,1fr)] gap-2">
        <div className="grid min-h-0 grid-cols-[minmax(0,1fr)] grid-rows-[12.5rem_auto_minmax(0,1fr)] gap-2">
          <div
            className="grid min-h-0 gap-2"
            style={{ gridTemplateColumns: `repeat(${laneCount}, minmax(0, 1fr)) auto` }}
          >
            {lab.lanes.slice(0, laneCount).map((lane) => (
              <LaneCard
                key={lane.id}
                lane={lane}
                held={heldLocks(lane.id, lab, leases, view, now, labels)}
                crawler={statuses[lane.id]}
                controls={{ act, startCrawler: start, crash }}
                writesRefused={writesRefused}
              />
            ))}
            <div className="flex flex-col gap-1">
              <Button size="sm" disabled={laneCount >= 4} onClick={() => setParams({ lanes: laneCount + 1 })}>
                Add client
              </Button>
              <Button
                size="sm"
                variant="ghost"
                disabled={laneCount <= 1 || statuses[LANE_IDS[laneCount - 1] ?? 'A'] === 'running'}
                onClick={() => setParams({ lanes: laneCount - 1 })}
              >
                Remove
              </Button>
            </div>
          </div>
          <section aria-label="Head strip" className={`${cardClass} px-3 py-2`}>
            <HeadStrip cells={cells} latest={captions.at(-1)?.text ?? null} />
          </section>
          <section aria-label="Lease timeline" className={`${cardClass} flex min-h-0 flex-col overflow-hidden p-2`}>
            <p className="text-[0.7em] text-zinc-500 dark:text-zinc-400">
              Leases: a bar per lock in its holder’s colour · ✓ handled · ✗ failed · ↩ unlocked · dashed edge: expired ·
              dashed box: time left · hover or click a bar for its API calls
            </p>
            <div className="min-h-0 flex-1">
              <LeaseTimeline leases={leases} log={log} labels={labels} now={now} />
            </div>
          </section>
        </div>
        <div className="grid min-h-0 grid-cols-[minmax(0,1fr)] grid-rows-[minmax(0,2fr)_minmax(0,3fr)] gap-2">
          <section aria-label="Events" className={`${cardClass} flex min-h-0 flex-col p-2`}>
            <LabCaptions captions={captions} />
          </section>
          <section aria-label="API calls" className={`${cardClass} flex min-h-0 flex-col p-2`}>
            <LabCalls log={log} />
          </section>
        </div>
      </div>
      {viewQuery.error && (
        <p role="alert" className="fixed bottom-2 left-2 text-sm text-red-700">
          {errorMessage(viewQuery.error)}
        </p>
      )}
    </div>
  );
}
