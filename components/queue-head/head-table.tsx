import Link from 'next/link';
import { SafeUrl } from '@/components/ui/safe-link';
import type { HeadItem } from '@/lib/types';

/** The head as GET head returns it for this session's clientKey, in queue order. */
export function HeadTable({ queueId, items }: { queueId: string; items: HeadItem[] }) {
  if (items.length === 0) {
    return (
      <p className="py-4 text-sm text-zinc-500 dark:text-zinc-400">The head is empty: no pending, unlocked request.</p>
    );
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full table-fixed text-left text-sm" aria-label="Queue head">
        <thead className="text-xs text-zinc-500 uppercase dark:text-zinc-400">
          <tr>
            <th scope="col" className="w-10 py-1 pr-2 text-right">
              #
            </th>
            <th scope="col" className="py-1 pr-3">
              Request
            </th>
            <th scope="col" className="w-16 py-1 pr-2">
              Method
            </th>
            <th scope="col" className="w-16 py-1 text-right">
              Retries
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, index) => (
            <tr
              key={item.id}
              data-testid="head-row"
              data-request-id={item.id}
              className="border-t border-zinc-100 align-top dark:border-zinc-800"
            >
              <td className="py-1.5 pr-2 text-right text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
                {index + 1}
              </td>
              <td className="py-1.5 pr-3 text-xs">
                <div className="truncate">
                  <SafeUrl url={item.url} max={160} />
                </div>
                <div className="flex gap-2 text-zinc-500 dark:text-zinc-400">
                  <Link
                    href={`/queues/${queueId}/requests/${item.id}`}
                    className="font-mono text-sky-700 hover:underline dark:text-sky-400"
                  >
                    {item.id}
                  </Link>
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
        </tbody>
      </table>
    </div>
  );
}
