import { RequestLink } from '@/components/requests/request-link';
import { DataTable } from '@/components/ui/data-table';
import { formatDateTime } from '@/lib/format';
import { endingText, landingReason } from '@/lib/locks/describe';
import { endedAt, type LockRow } from '@/lib/locks/lock-book';

/** Locks that just ended, and where their requests went, as the snapshots after them showed. */
export function EndedLockTable({ queueId, locks, pageKey }: { queueId: string; locks: LockRow[]; pageKey: string }) {
  return (
    <DataTable
      label="Locks that just ended"
      columns={[{ label: 'Request' }, { label: 'Holder' }, { label: 'What happened' }]}
    >
      {locks.map((lock) => {
        const reason = landingReason(lock);
        const at = new Date(endedAt(lock)).toISOString();
        return (
          <tr
            key={lock.key}
            data-testid="ended-lock-row"
            data-request-id={lock.id}
            className="border-t border-zinc-100 align-top text-zinc-600 dark:border-zinc-800 dark:text-zinc-300"
          >
            <td className="py-1.5 pr-3">
              <RequestLink queueId={queueId} requestId={lock.id} />
            </td>
            <td className="py-1.5 pr-3 text-xs">
              {lock.holder === pageKey ? 'yours' : <code>{lock.holder ?? '(no clientKey)'}</code>}
            </td>
            <td className="py-1.5 text-xs">
              <p data-testid="lock-outcome">{endingText(lock)}</p>
              <p className="text-zinc-500 dark:text-zinc-400">
                <time dateTime={at}>{formatDateTime(at).slice(11)}</time>
                {reason && ` · ${reason}`}
              </p>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
