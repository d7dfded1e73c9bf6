'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type RefObject, useMemo, useState } from 'react';
import { lockTotalMs } from '@/components/locks/lock-durations';
import { LockPanel } from '@/components/locks/lock-panel';
import { Panel } from '@/components/ui/panel';
import { landedMark } from '@/lib/locks/describe';
import { emptyLockBook, type LockBook, noteLocated, reconcileLocks, requestsToLocate } from '@/lib/locks/lock-book';
import { headPositionsQuery } from '@/lib/queries/options';
import type { QueueHead, QueueSnapshot, TargetName } from '@/lib/types';
import { HeadTable } from './head-table';

const HEAD_LIMITS = [10, 25, 50, 100, 250, 500, 1000] as const;

interface HeadSectionProps {
  queueId: string;
  snapshot: QueueSnapshot & { head: QueueHead };
  limit: number;
  onLimitChange: (limit: number) => void;
  target: TargetName;
  writeBlock: string | null;
  lockButton: RefObject<HTMLButtonElement | null>;
}

/** The head beside the locks; both read from one lock book, so a returning request is marked where it lands. */
export function HeadSection({
  queueId,
  snapshot,
  limit,
  onLimitChange,
  target,
  writeBlock,
  lockButton,
}: HeadSectionProps) {
  const [book, setBook] = useState<LockBook>(emptyLockBook);
  if (book.snapshotAt !== snapshot.serverNow) setBook(reconcileLocks(book, snapshot, lockTotalMs));

  // Requests that went back behind the shown part of the head are looked for in its first 1000.
  const beyond = useMemo(() => requestsToLocate(book), [book]);
  const located = useQuery({
    ...headPositionsQuery(queueId, beyond),
    enabled: beyond.length > 0,
    placeholderData: keepPreviousData,
  });
  const shown = useMemo(() => (located.data ? noteLocated(book, located.data) : book), [book, located.data]);

  const landed = useMemo(() => {
    const marks = new Map<string, string>();
    for (const row of shown.rows) if (row.end?.landing.kind === 'head') marks.set(row.id, landedMark(row.end.cause));
    return marks;
  }, [shown]);

  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <Panel
        title="Head"
        actions={
          <>
            <HeadLimitSelect limit={limit} onLimitChange={onLimitChange} />
            <span className="text-xs text-zinc-500 dark:text-zinc-400">
              {snapshot.head.items.length} shown · queueModifiedAt{' '}
              <time dateTime={snapshot.head.queueModifiedAt}>{snapshot.head.queueModifiedAt}</time>
            </span>
          </>
        }
      >
        <HeadTable queueId={queueId} items={snapshot.head.items} landed={landed} />
      </Panel>
      <LockPanel
        queueId={queueId}
        pageKey={snapshot.clientKey}
        target={target}
        book={shown}
        updateBook={setBook}
        locksTruncated={snapshot.locksTruncated}
        writeBlock={writeBlock}
        lockButton={lockButton}
      />
    </div>
  );
}

function HeadLimitSelect({ limit, onLimitChange }: { limit: number; onLimitChange: (limit: number) => void }) {
  return (
    <label className="flex items-center gap-1 text-sm">
      <span className="text-zinc-600 dark:text-zinc-300">First</span>
      <select
        value={limit}
        onChange={(event) => onLimitChange(Number(event.target.value))}
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
  );
}
