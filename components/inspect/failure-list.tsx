'use client';

import { useState } from 'react';
import { RequestLink } from '@/components/requests/request-link';
import { Button } from '@/components/ui/button';
import { SafeUrl } from '@/components/ui/safe-link';
import { formatCount } from '@/lib/format';
import type { FailureGroup } from '@/lib/inspect/failure-groups';
import { retryRange } from '@/lib/inspect/failure-groups';

const SHOWN_PER_GROUP = 20;

interface FailureListProps {
  queueId: string;
  groups: readonly FailureGroup[];
  urlOf: (requestId: string) => string;
  /** Selects exactly the group's requests (for a bulk action on them). */
  onSelectGroup: (group: FailureGroup) => void;
  /** Narrows the table below to the group's requests. */
  onShowInTable: (group: FailureGroup) => void;
  partial: boolean;
}

/** Failed requests grouped by the first line of their last error, largest group first. */
export function FailureList({ queueId, groups, urlOf, onSelectGroup, onShowInTable, partial }: FailureListProps) {
  const [open, setOpen] = useState<string | null>(null);
  if (groups.length === 0) return null;
  return (
    <section aria-label="Failures by error" className="flex flex-col gap-1">
      <h3 className="text-sm font-semibold">
        Failures by error{partial && <span className="font-normal text-zinc-500"> (so far)</span>}
      </h3>
      <ul className="flex flex-col divide-y divide-zinc-100 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {groups.map((group) => {
          const expanded = open === group.error;
          return (
            <li key={group.error} data-testid="failure-group" className="flex flex-col gap-1 px-3 py-2 text-sm">
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <span className="w-16 shrink-0 font-semibold tabular-nums" data-testid="failure-count">
                  {formatCount(group.count)}
                </span>
                <span className="min-w-0 flex-1 break-words text-red-800 dark:text-red-300" data-testid="failure-error">
                  {group.error}
                </span>
                <span className="text-xs text-zinc-600 dark:text-zinc-300">{retryRange(group)}</span>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-expanded={expanded}
                  onClick={() => setOpen(expanded ? null : group.error)}
                >
                  {expanded ? 'Hide requests' : 'Show requests'}
                </Button>
                <Button size="sm" onClick={() => onSelectGroup(group)}>
                  Select these {formatCount(group.count)}
                </Button>
              </div>
              <p className="truncate pl-19 text-xs text-zinc-600 dark:text-zinc-300">
                e.g. <SafeUrl url={group.example.url} max={100} />
              </p>
              {expanded && (
                <ul className="flex flex-col gap-0.5 pl-19 text-xs">
                  {group.requestIds.slice(0, SHOWN_PER_GROUP).map((id) => (
                    <li key={id} className="flex gap-2">
                      <RequestLink queueId={queueId} requestId={id} />
                      <SafeUrl url={urlOf(id)} max={80} />
                    </li>
                  ))}
                  {group.count > SHOWN_PER_GROUP && (
                    <li>
                      <Button size="sm" variant="ghost" onClick={() => onShowInTable(group)}>
                        Show all {formatCount(group.count)} in the table
                      </Button>
                    </li>
                  )}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
