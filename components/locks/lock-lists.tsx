'use client';

import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import type { LockRow } from '@/lib/locks/lock-book';
import { type LockBook, viewLocks } from '@/lib/locks/lock-book';
import { EndedLockTable } from './ended-lock-table';
import { type LockCommand, LockTable } from './lock-table';
import { useServerNow } from './server-clock';

interface LockListsProps {
  queueId: string;
  book: LockBook;
  pageKey: string;
  locksTruncated: boolean;
  writeBlock: string | null;
  busyId: string | null;
  onCommand: (lock: LockRow, command: LockCommand) => void;
  unlockAll: ReactNode;
}

/** Locks held now and locks that just ended: both lists and their counts come from one view of the book. */
export function LockLists({
  queueId,
  book,
  pageKey,
  locksTruncated,
  writeBlock,
  busyId,
  onCommand,
  unlockAll,
}: LockListsProps) {
  const { held, ended } = viewLocks(book, useServerNow());
  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="mr-auto font-medium">
          Locked now <Badge>{locksTruncated ? `${held.length}+` : held.length}</Badge>
        </h3>
        {unlockAll}
      </div>
      {locksTruncated && (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          More locks exist than one read lists: these are the first {held.length}.
        </p>
      )}
      <LockTable
        queueId={queueId}
        locks={held}
        pageKey={pageKey}
        writeBlock={writeBlock}
        busyId={busyId}
        onCommand={onCommand}
      />
      {ended.length > 0 && (
        <>
          <h3 className="font-medium">
            Just ended <Badge>{ended.length}</Badge>
          </h3>
          <EndedLockTable queueId={queueId} locks={ended} pageKey={pageKey} />
        </>
      )}
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Where a request lands: its lock lives in its place in the queue (the order key becomes ± the lock’s expiry).
        When a lock expires, the request comes back as of that moment: at the front if it was locked from a forefront
        position or prolonged with <code>forefront</code>, else at the end. <em>Unlock</em> puts it at the end now,{' '}
        <em>To front</em> at the front.
      </p>
    </>
  );
}
