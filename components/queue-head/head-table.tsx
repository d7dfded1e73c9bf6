import { RequestLink } from '@/components/requests/request-link';
import { Badge } from '@/components/ui/badge';
import { DataTable } from '@/components/ui/data-table';
import { SafeUrl } from '@/components/ui/safe-link';
import type { HeadItem } from '@/lib/types';

/**
 * The head as GET head returns it for this page's clientKey, in queue order. `landed` marks the
 * requests a lock just returned here (unlocked, expired…), so the eye finds where they went.
 */
export function HeadTable({
  queueId,
  items,
  landed = new Map(),
}: {
  queueId: string;
  items: HeadItem[];
  landed?: ReadonlyMap<string, string>;
}) {
  if (items.length === 0) {
    return (
      <p className="py-4 text-sm text-zinc-500 dark:text-zinc-400">The head is empty: no pending, unlocked request.</p>
    );
  }
  return (
    <DataTable
      label="Queue head"
      className="table-fixed"
      columns={[
        { label: '#', className: 'w-10 text-right' },
        { label: 'Request' },
        { label: 'Method', className: 'w-16' },
        { label: 'Retries', className: 'w-16 text-right' },
      ]}
    >
      {items.map((item, index) => (
        <tr
          key={item.id}
          data-testid="head-row"
          data-request-id={item.id}
          data-landed={landed.get(item.id)}
          className={`border-t border-zinc-100 align-top dark:border-zinc-800 ${landed.has(item.id) ? 'bg-sky-50 dark:bg-sky-950' : ''}`}
        >
          <td className="py-1.5 pr-2 text-right text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{index + 1}</td>
          <td className="py-1.5 pr-3 text-xs">
            <div className="truncate">
              <SafeUrl url={item.url} max={160} />
            </div>
            <div className="flex gap-2 text-zinc-500 dark:text-zinc-400">
              <RequestLink queueId={queueId} requestId={item.id} />
              {landed.has(item.id) && <Badge tone="info">{landed.get(item.id)}: landed here</Badge>}
              {item.uniqueKey !== item.url && (
                <span className="truncate" title={item.uniqueKey.slice(0, 500)}>
                  uniqueKey {item.uniqueKey.slice(0, 120)}
                </span>
              )}
            </div>
          </td>
          <td className="py-1.5 pr-2 text-xs">{item.method}</td>
          <td className="py-1.5 text-right text-xs tabular-nums">{item.retryCount}</td>
        </tr>
      ))}
    </DataTable>
  );
}
