'use client';

import { type RefObject, useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Panel } from '@/components/ui/panel';
import { useToast } from '@/components/ui/toast';
import { type LockBook, type LockRow, noteEnded, noteLocked, noteProlonged } from '@/lib/locks/lock-book';
import { errorMessage } from '@/lib/queries/action-error';
import { useDeleteLock, useLockHead, useProlongLock, useUnlockAll, useUpdateRequest } from '@/lib/queries/mutations';
import type { LockResult, TargetName } from '@/lib/types';
import { LockCallResult } from './lock-call-result';
import { rememberDuration } from './lock-durations';
import { LockForm } from './lock-form';
import { LockLists } from './lock-lists';
import type { LockCommand } from './lock-table';

interface LockPanelProps {
  queueId: string;
  /** The clientKey this page's calls send on this queue. */
  pageKey: string;
  target: TargetName;
  book: LockBook;
  updateBook: (change: (book: LockBook) => LockBook) => void;
  locksTruncated: boolean;
  writeBlock: string | null;
  lockButton: RefObject<HTMLButtonElement | null>;
}

export function LockPanel(props: LockPanelProps) {
  const { queueId, pageKey, target, book, updateBook, locksTruncated, writeBlock, lockButton } = props;
  const toast = useToast();
  const [lockSecs, setLockSecs] = useState('60');
  const [prolongToFront, setProlongToFront] = useState(false);
  const [lastLock, setLastLock] = useState<LockResult | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const lock = useLockHead();
  const prolong = useProlongLock();
  const release = useDeleteLock();
  const update = useUpdateRequest();
  const unlockAll = useUnlockAll();

  const onLock = ({ lockSecs: secs, limit }: { lockSecs: number; limit: number }) => {
    setFailure(null);
    lock.mutate(
      { queueId, lockSecs: secs, limit },
      {
        onSuccess: (result) => {
          for (const item of result.items) rememberDuration(item.id, item.lockExpiresAt, result.lockSecs * 1000);
          updateBook((current) => noteLocked(current, result));
          setLastLock(result);
          toast(
            `Locked ${result.items.length} request${result.items.length === 1 ? '' : 's'} for ${result.lockSecs} s`,
          );
        },
        onError: setFailure,
      },
    );
  };

  const onCommand = (row: LockRow, command: LockCommand) => {
    setFailure(null);
    setBusyId(row.id);
    const done = { onSettled: () => setBusyId(null), onError: setFailure };
    const ended = (cause: 'unlocked' | 'unlocked-front' | 'handled', serverNow: string) =>
      updateBook((current) => noteEnded(current, { ids: [row.id], cause, at: Date.parse(serverNow) }));
    if (command === 'prolong') {
      const secs = Number(lockSecs) > 0 ? Number(lockSecs) : 60;
      const forefront = prolongToFront;
      prolong.mutate(
        { queueId, requestId: row.id, lockSecs: secs, forefront },
        {
          ...done,
          onSuccess: (result) => {
            rememberDuration(row.id, result.lockExpiresAt, secs * 1000);
            updateBook((current) => noteProlonged(current, { id: row.id, lockSecs: secs, forefront, ...result }));
            toast(`Prolonged ${row.id} by ${secs} s; it returns to the ${forefront ? 'front' : 'end'} on expiry`);
          },
        },
      );
    } else if (command === 'handled') {
      update.mutate(
        { queueId, requestId: row.id, change: 'mark-handled' },
        {
          ...done,
          onSuccess: (result) => {
            ended('handled', result.serverNow);
            toast(`Marked ${row.id} handled`);
          },
        },
      );
    } else {
      const forefront = command === 'unlock-front';
      release.mutate(
        { queueId, requestId: row.id, forefront },
        {
          ...done,
          onSuccess: (result) => {
            ended(forefront ? 'unlocked-front' : 'unlocked', result.serverNow);
            toast(`Unlocked ${row.id}: back at the ${forefront ? 'front' : 'end'} of the queue`);
          },
        },
      );
    }
  };

  const onUnlockAll = () =>
    unlockAll.mutate(
      { queueId },
      {
        onSuccess: ({ unlockedCount, serverNow }) => {
          updateBook((current) =>
            noteEnded(current, { holder: pageKey, cause: 'unlocked-all', at: Date.parse(serverNow) }),
          );
          toast(`Unlocked ${unlockedCount} of your locks (unlockedCount: ${unlockedCount})`);
        },
        onError: setFailure,
      },
    );

  return (
    <Panel title="Lock a batch" className="flex flex-col gap-4">
      <LockForm
        queueId={queueId}
        clientKey={pageKey}
        target={target}
        disabledReason={writeBlock}
        pending={lock.isPending}
        lockSecs={lockSecs}
        onLockSecsChange={setLockSecs}
        onLock={onLock}
        submitRef={lockButton}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={prolongToFront} onChange={(event) => setProlongToFront(event.target.checked)} />
        <span>
          Prolong with <code>forefront</code>: the request returns to the front when its lock expires (without it, to
          the end)
        </span>
      </label>
      {lastLock && <LockCallResult result={lastLock} onDismiss={() => setLastLock(null)} />}
      {failure ? <ErrorAlert title="That did not work">{errorMessage(failure)}</ErrorAlert> : null}
      <LockLists
        queueId={queueId}
        book={book}
        pageKey={pageKey}
        locksTruncated={locksTruncated}
        writeBlock={writeBlock}
        busyId={busyId}
        onCommand={onCommand}
        unlockAll={
          <Button size="sm" disabled={writeBlock !== null || unlockAll.isPending} onClick={onUnlockAll}>
            Unlock all mine
          </Button>
        }
      />
    </Panel>
  );
}
