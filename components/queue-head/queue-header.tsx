'use client';

import Link from 'next/link';
import { useServerNow } from '@/components/locks/server-clock';
import { Badge } from '@/components/ui/badge';
import { CopyButton } from '@/components/ui/copy-button';
import { Panel } from '@/components/ui/panel';
import { formatCount, formatDateTime, relativeTime } from '@/lib/format';
import type { QueueSummary } from '@/lib/types';
import { FLAG_HELP } from './flag-explanations';

export function QueueHeader({ queue, hasLocks }: { queue: QueueSummary; hasLocks: boolean | null }) {
  const now = useServerNow();
  const title = queue.name ?? 'Unnamed queue';
  return (
    <Panel
      title={title}
      heading="page"
      actions={
        <>
          {queue.name && <CopyButton value={queue.name} label="Copy queue name" />}
          <code className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800">{queue.id}</code>
          <CopyButton value={queue.id} label="Copy queue ID" />
          <Link href={`/queues/${encodeURIComponent(queue.id)}/lab`} className="text-sm underline">
            Lock lab
          </Link>
        </>
      }
    >
      <dl className="mt-3 grid grid-cols-3 gap-3 sm:grid-cols-6">
        <Stat label="Total" value={formatCount(queue.totalRequestCount)} testId="count-total" />
        <Stat label="Handled" value={formatCount(queue.handledRequestCount)} testId="count-handled" />
        <Stat label="Pending" value={formatCount(queue.pendingRequestCount)} testId="count-pending" />
        <Stat label="Created" value={relativeTime(queue.createdAt, now)} title={formatDateTime(queue.createdAt)} />
        <Stat label="Modified" value={relativeTime(queue.modifiedAt, now)} title={formatDateTime(queue.modifiedAt)} />
        <Stat label="Accessed" value={relativeTime(queue.accessedAt, now)} title={formatDateTime(queue.accessedAt)} />
      </dl>
      <ul className="mt-3 flex flex-col gap-1.5 text-sm">
        <Flag name="hadMultipleClients" value={queue.hadMultipleClients} warnWhen />
        <Flag name="queueHasLockedRequests" value={hasLocks} warnWhen />
      </ul>
    </Panel>
  );
}

function Stat({ label, value, title, testId }: { label: string; value: string; title?: string; testId?: string }) {
  return (
    <div>
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums" title={title} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function Flag({ name, value, warnWhen }: { name: keyof typeof FLAG_HELP; value: boolean | null; warnWhen: boolean }) {
  const shown = value === null ? 'unknown' : String(value);
  return (
    <li className="flex flex-wrap items-baseline gap-2" data-testid={`flag-${name}`}>
      <code className="text-xs">{name}</code>
      <Badge tone={value === null ? 'neutral' : value === warnWhen ? 'warn' : 'good'}>{shown}</Badge>
      <span className="text-zinc-600 dark:text-zinc-300">{FLAG_HELP[name]}</span>
    </li>
  );
}
