'use client';

import { type RefObject, useRef, useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/queries/action-error';
import { useDeleteLock, useLockHead, useProlongLock, useUnlockAll, useUpdateRequest } from '@/lib/queries/mutations';
import type { LockResult, QueueSnapshot, SessionInfo } from '@/lib/types';
import { lockTotalMs, rememberDuration } from './lock-durations';
import { LockForm } from './lock-form';
import { type LockCommand, LockTable, type LockTableProps, type LockView } from './lock-table';
import { serverNow, syncServerClock } from './server-clock';

/** How long an expired lock stays listed as "expired" after the server stops reporting it. */
const EXPIRED_SHOWN_MS = 10_000;

interface LockPanelProps {
  queueId: string;
  snapshot: QueueSnapshot;
  session: SessionInfo | undefined;
  writeBlock: string | null;
  lockButton: RefObject<HTMLButtonElement | null>;
}

export function LockPanel({ queueId, snapshot, session, writeBlock, lockButton }: LockPanelProps) {
  const toast = useToast();
  const [lockSecs, setLockSecs] = useState('60');
  const [lastLock, setLastLock] = useState<LockResult | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  // Locks this page took or saw, so a lock keeps its full bar length and is shown as expired for a moment.
  const remembered = useRef(new Map<string, LockView>());

  const lock = useLockHead();
  const prolong = useProlongLock();
  const release = useDeleteLock();
  const update = useUpdateRequest();
  const unlockAll = useUnlockAll();
  const clientKey = session?.clientKey ?? snapshot.clientKey;

  const now = serverNow();
  const snapshotAt = Date.parse(snapshot.serverNow);
  for (const item of snapshot.locks) {
    const known = remembered.current.get(item.id);
    const expiresAt = item.lockExpiresAt ?? '';
    const sameLock = known !== undefined && known.lockExpiresAt === expiresAt;
    remembered.current.set(item.id, {
      id: item.id,
      url: item.url,
      uniqueKey: item.uniqueKey,
      lockExpiresAt: expiresAt,
      holder: item.lockByClient,
      totalMs: sameLock ? known.totalMs : lockTotalMs(item.id, expiresAt, now),
      expired: false,
      since: sameLock ? known.since : snapshotAt,
    });
  }
  const live = new Set(snapshot.locks.map((item) => item.id));
  const views: LockView[] = [];
  for (const view of remembered.current.values()) {
    const expiresAt = Date.parse(view.lockExpiresAt);
    // A snapshot taken after we learned of a lock, that no longer lists it, tells us it ended:
    // by expiry (shown as expired for a moment) or by someone releasing it (dropped).
    const gone = !live.has(view.id) && snapshotAt >= view.since;
    if (!gone) views.push({ ...view, expired: false });
    else if (expiresAt <= snapshotAt + 1000 && now - expiresAt < EXPIRED_SHOWN_MS)
      views.push({ ...view, expired: true });
    else remembered.current.delete(view.id);
  }
  views.sort((a, b) => a.lockExpiresAt.localeCompare(b.lockExpiresAt) || a.id.localeCompare(b.id));

  const fail = (error: unknown) => setFailure(error);
  const forget = (id: string) => remembered.current.delete(id);

  const onLock = ({ lockSecs: secs, limit }: { lockSecs: number; limit: number }) => {
    setFailure(null);
    lock.mutate(
      { queueId, lockSecs: secs, limit },
      {
        onSuccess: (result) => {
          syncServerClock(result.serverNow);
          setLastLock(result);
          for (const item of result.items) {
            rememberDuration(item.id, item.lockExpiresAt, result.lockSecs * 1000);
            remembered.current.set(item.id, {
              ...item,
              holder: result.clientKey,
              totalMs: result.lockSecs * 1000,
              expired: false,
              since: Date.parse(result.serverNow),
            });
          }
          toast(
            `Locked ${result.items.length} request${result.items.length === 1 ? '' : 's'} for ${result.lockSecs} s`,
          );
        },
        onError: fail,
      },
    );
  };

  const onCommand: LockTableProps['onCommand'] = (view: LockView, command: LockCommand) => {
    setFailure(null);
    setBusyId(view.id);
    const done = { onSettled: () => setBusyId(null), onError: fail };
    if (command === 'prolong') {
      const secs = Number(lockSecs) > 0 ? Number(lockSecs) : 60;
      prolong.mutate(
        { queueId, requestId: view.id, lockSecs: secs, forefront: false },
        {
          ...done,
          onSuccess: (result) => {
            syncServerClock(result.serverNow);
            rememberDuration(view.id, result.lockExpiresAt, secs * 1000);
            remembered.current.set(view.id, {
              ...view,
              lockExpiresAt: result.lockExpiresAt,
              totalMs: secs * 1000,
              since: Date.parse(result.serverNow),
            });
            toast(`Prolonged ${view.id} by ${secs} s`);
          },
        },
      );
    } else if (command === 'handled') {
      update.mutate(
        { queueId, requestId: view.id, change: 'mark-handled' },
        {
          ...done,
          onSuccess: () => {
            forget(view.id);
            toast(`Marked ${view.id} handled`);
          },
        },
      );
    } else {
      const forefront = command === 'unlock-front';
      release.mutate(
        { queueId, requestId: view.id, forefront },
        {
          ...done,
          onSuccess: () => {
            forget(view.id);
            toast(`Unlocked ${view.id}: back at the ${forefront ? 'front' : 'end'} of the queue`);
          },
        },
      );
    }
  };

  return (
    <section
      aria-labelledby="locks-title"
      className="flex flex-col gap-4 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h2 id="locks-title" className="text-lg font-semibold">
        Lock a batch
      </h2>
      <LockForm
        queueId={queueId}
        clientKey={clientKey}
        target={session?.target ?? 'local'}
        disabledReason={writeBlock}
        pending={lock.isPending}
        lockSecs={lockSecs}
        onLockSecsChange={setLockSecs}
        onLock={onLock}
        submitRef={lockButton}
      />
      {lastLock && (
        <dl
          data-testid="lock-result"
          className="flex flex-wrap gap-x-4 gap-y-1 rounded-md bg-zinc-50 p-2 text-xs dark:bg-zinc-950"
        >
          <div>
            <dt className="inline text-zinc-500 dark:text-zinc-400">locked </dt>
            <dd className="inline font-medium">{lastLock.items.length}</dd>
          </div>
          <div>
            <dt className="inline text-zinc-500 dark:text-zinc-400">queueHasLockedRequests </dt>
            <dd className="inline font-medium" data-testid="lock-result-has-locked">
              {String(lastLock.queueHasLockedRequests)}
            </dd>
          </div>
          <div>
            <dt className="inline text-zinc-500 dark:text-zinc-400">clientKey </dt>
            <dd className="inline font-mono">{lastLock.clientKey}</dd>
          </div>
          <div>
            <dt className="inline text-zinc-500 dark:text-zinc-400">hadMultipleClients </dt>
            <dd className="inline font-medium">{String(lastLock.hadMultipleClients)}</dd>
          </div>
        </dl>
      )}
      {failure ? <ErrorAlert title="That did not work">{errorMessage(failure)}</ErrorAlert> : null}
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="mr-auto font-medium">
          Locked now <Badge>{snapshot.locks.length}</Badge>
        </h3>
        <Button
          size="sm"
          disabled={writeBlock !== null || unlockAll.isPending}
          onClick={() =>
            unlockAll.mutate(
              { queueId },
              {
                onSuccess: ({ unlockedCount }) => {
                  for (const view of views) if (view.holder === clientKey) forget(view.id);
                  toast(`Unlocked ${unlockedCount} of your locks (unlockedCount: ${unlockedCount})`);
                },
                onError: fail,
              },
            )
          }
        >
          Unlock all mine
        </Button>
      </div>
      <LockTable
        queueId={queueId}
        locks={views}
        clientKey={clientKey}
        writable={writeBlock === null}
        busyId={busyId}
        onCommand={onCommand}
      />
    </section>
  );
}
