'use client';

import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { SafeUrl } from '@/components/ui/safe-link';
import { CountdownBar } from './countdown-bar';

export interface LockView {
  id: string;
  url: string;
  uniqueKey: string;
  lockExpiresAt: string;
  /** null when the holder is unknown (a lock taken without clientKey). */
  holder: string | null;
  totalMs: number;
  expired: boolean;
  /** Server time (ms) when this page learned of the lock in its current form. */
  since: number;
}

export type LockCommand = 'prolong' | 'unlock' | 'unlock-front' | 'handled';

export interface LockTableProps {
  queueId: string;
  locks: LockView[];
  clientKey: string;
  writable: boolean;
  busyId: string | null;
  onCommand: (lock: LockView, command: LockCommand) => void;
}

/** Every lock on the queue with a live countdown; the session's own are marked "yours". */
export function LockTable({ queueId, locks, clientKey, writable, busyId, onCommand }: LockTableProps) {
  if (locks.length === 0) {
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">No request is locked right now.</p>;
  }
  return (
    <DataTable
      label="Locked requests"
      columns={[
        { label: 'Request' },
        { label: 'Holder' },
        { label: 'Time left' },
        { label: 'Actions', className: 'min-w-44' },
      ]}
    >
      {locks.map((lock) => (
        <tr
          key={lock.id}
          data-testid="lock-row"
          data-request-id={lock.id}
          className="border-t border-zinc-100 align-top dark:border-zinc-800"
        >
          <td className="max-w-48 py-2 pr-3">
            <Link
              href={`/queues/${queueId}/requests/${lock.id}`}
              className="font-mono text-xs text-sky-700 hover:underline dark:text-sky-400"
            >
              {lock.id}
            </Link>
            <div className="truncate text-xs">
              <SafeUrl url={lock.url} max={80} />
            </div>
          </td>
          <td className="py-2 pr-3 text-xs">
            {lock.holder === clientKey ? (
              <Badge tone="info">yours</Badge>
            ) : (
              <code>{lock.holder ?? '(no clientKey)'}</code>
            )}
          </td>
          <td className="py-2 pr-3">
            {lock.expired ? (
              <Badge tone="neutral">expired: back in the head</Badge>
            ) : (
              <CountdownBar expiresAt={lock.lockExpiresAt} totalMs={lock.totalMs} />
            )}
          </td>
          <td className="py-2">
            {!lock.expired && (
              <div className="flex flex-wrap gap-1">
                {(
                  [
                    ['prolong', 'Prolong', 'Prolong lock'],
                    ['unlock', 'Unlock', 'Unlock'],
                    ['unlock-front', 'To front', 'Unlock to front'],
                    ['handled', 'Handled', 'Mark handled'],
                  ] as const
                ).map(([command, label, description]) => (
                  <Button
                    key={command}
                    size="sm"
                    disabled={!writable || busyId === lock.id}
                    onClick={() => onCommand(lock, command)}
                    aria-label={`${description}: ${lock.id}`}
                  >
                    {label}
                  </Button>
                ))}
              </div>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
