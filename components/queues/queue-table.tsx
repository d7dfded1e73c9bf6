'use client';

import Link from 'next/link';
import { useServerNow } from '@/components/locks/server-clock';
import { QueueMarkCell } from '@/components/ops/queue-mark';
import { Badge } from '@/components/ui/badge';
import { DataTable } from '@/components/ui/data-table';
import { formatCount, relativeTime } from '@/lib/format';
import type { QueueMark, QueueSummary } from '@/lib/types';

const COLUMNS = [
  { label: 'Name' },
  { label: 'Total', className: 'text-right' },
  { label: 'Handled', className: 'text-right' },
  { label: 'Pending', className: 'text-right' },
  { label: 'Multiple clients' },
  { label: 'Modified' },
  { label: 'Health (when watched)' },
];

interface QueueTableProps {
  queues: QueueSummary[];
  /** Fills the table when there is no queue to show. */
  emptyMessage: string;
  /** Each queue's latest verdict and activity, for the queues watched lately. */
  marks: ReadonlyMap<string, QueueMark>;
}

/** One page of the queue list; it alone re-renders on the clock's tick (for how long ago each queue changed). */
export function QueueTable({ queues, emptyMessage, marks }: QueueTableProps) {
  const now = useServerNow();
  return (
    <DataTable label="Request queues" columns={COLUMNS} framed>
      {queues.map((queue) => (
        <tr key={queue.id} className="border-b border-zinc-100 last:border-0 dark:border-zinc-800">
          <td className="px-3 py-2">
            <Link href={`/queues/${queue.id}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
              {queue.name ?? <span className="italic">unnamed</span>}
            </Link>
            <div className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{queue.id}</div>
          </td>
          <td className="px-3 py-2 text-right tabular-nums">{formatCount(queue.totalRequestCount)}</td>
          <td className="px-3 py-2 text-right tabular-nums">{formatCount(queue.handledRequestCount)}</td>
          <td className="px-3 py-2 text-right tabular-nums">{formatCount(queue.pendingRequestCount)}</td>
          <td className="px-3 py-2">{queue.hadMultipleClients ? <Badge tone="warn">yes</Badge> : <Badge>no</Badge>}</td>
          <td className="px-3 py-2 whitespace-nowrap" title={queue.modifiedAt}>
            {relativeTime(queue.modifiedAt, now)}
          </td>
          <td className="px-3 py-2">
            <QueueMarkCell mark={marks.get(queue.id)} now={now} />
          </td>
        </tr>
      ))}
      {queues.length === 0 && (
        <tr>
          <td colSpan={COLUMNS.length} className="px-3 py-6 text-center text-zinc-500 dark:text-zinc-400">
            {emptyMessage}
          </td>
        </tr>
      )}
    </DataTable>
  );
}
