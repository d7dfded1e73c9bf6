'use client';

import Link from 'next/link';
import { RequestLink } from '@/components/requests/request-link';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { SafeUrl } from '@/components/ui/safe-link';
import { clientKeyInput } from '@/lib/action-inputs';
import type { LockRow } from '@/lib/locks/lock-book';
import { CountdownBar } from './countdown-bar';

export type LockCommand = 'prolong' | 'unlock' | 'unlock-front' | 'handled';

const COMMANDS = [
  ['prolong', 'Prolong', 'Prolong lock'],
  ['unlock', 'Unlock', 'Unlock'],
  ['unlock-front', 'To front', 'Unlock to front'],
  ['handled', 'Handled', 'Mark handled'],
] as const;

export interface LockTableProps {
  queueId: string;
  locks: LockRow[];
  /** The clientKey this page's calls send on this queue: only its locks can be changed here. */
  pageKey: string;
  /** Why writes are off (read-only session), or null. */
  writeBlock: string | null;
  busyId: string | null;
  onCommand: (lock: LockRow, command: LockCommand) => void;
}

/** Every lock held now, with a live countdown; the page's own are marked "yours". */
export function LockTable({ queueId, locks, pageKey, writeBlock, busyId, onCommand }: LockTableProps) {
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
      {locks.map((lock) => {
        const mine = lock.holder === pageKey;
        const reasonId = `lock-reason-${lock.key}`;
        return (
          <tr
            key={lock.key}
            data-testid="lock-row"
            data-request-id={lock.id}
            className="border-t border-zinc-100 align-top dark:border-zinc-800"
          >
            <td className="max-w-48 py-2 pr-3">
              <RequestLink queueId={queueId} requestId={lock.id} />
              <div className="truncate text-xs">
                <SafeUrl url={lock.url} max={80} />
              </div>
            </td>
            <td className="py-2 pr-3 text-xs">
              {mine ? <Badge tone="info">yours</Badge> : <code>{lock.holder ?? '(no clientKey)'}</code>}
            </td>
            <td className="py-2 pr-3">
              <CountdownBar expiresAt={lock.lockExpiresAt} totalMs={lock.totalMs} />
              {lock.returnsTo && (
                <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
                  returns to the {lock.returnsTo} on expiry
                </p>
              )}
            </td>
            <td className="py-2">
              <div className="flex flex-wrap gap-1">
                {COMMANDS.map(([command, label, description]) => (
                  <Button
                    key={command}
                    size="sm"
                    disabled={!mine || writeBlock !== null || busyId === lock.id}
                    onClick={() => onCommand(lock, command)}
                    aria-label={`${description}: ${lock.id}`}
                    aria-describedby={mine ? undefined : reasonId}
                  >
                    {label}
                  </Button>
                ))}
              </div>
              {!mine && <NotYours id={reasonId} queueId={queueId} holder={lock.holder} />}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}

/** Only a lock's holder may change it (the API refuses others): say so, and how to act as the holder. */
function NotYours({ id, queueId, holder }: { id: string; queueId: string; holder: string | null }) {
  const canActAs = holder !== null && clientKeyInput.safeParse(holder).success;
  return (
    <p id={id} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
      {holder === null ? (
        'Taken without a clientKey: only a call without one can change it; it ends at its expiry.'
      ) : (
        <>
          Held by <code>{holder}</code>: only its holder can change it.{' '}
          {canActAs && (
            <Link
              href={`/queues/${queueId}?clientKey=${encodeURIComponent(holder)}`}
              className="text-sky-700 underline dark:text-sky-400"
            >
              Act as {holder} on this queue
            </Link>
          )}
        </>
      )}
    </p>
  );
}
