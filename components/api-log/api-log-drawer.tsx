'use client';

import { useQuery } from '@tanstack/react-query';
import { Fragment, useEffect, useId, useRef } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { DataTable } from '@/components/ui/data-table';
import { TableSkeleton } from '@/components/ui/skeleton';
import { formatTimeOfDay } from '@/lib/format';
import { errorMessage } from '@/lib/queries/action-error';
import { useClearApiLog } from '@/lib/queries/mutations';
import { apiLogQuery } from '@/lib/queries/options';
import type { ApiLogEntry } from '@/lib/types';

const COLUMNS = [
  { label: 'Time (UTC)', className: 'w-28' },
  { label: 'Method', className: 'w-16' },
  { label: 'Path' },
  { label: 'Status', className: 'w-20' },
  { label: 'Took', className: 'w-16 text-right' },
  { label: 'clientKey', className: 'w-32' },
  { label: <span className="sr-only">Copy as curl</span>, className: 'w-24' },
];

function statusTone(status: number | null) {
  if (status === null) return 'neutral';
  if (status >= 500) return 'bad';
  if (status >= 400) return 'warn';
  if (status >= 300) return 'info';
  return 'good';
}

/** A side panel (a modal <dialog>) listing this session's API calls; Escape or Close closes it. */
export function ApiLogDrawer({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const log = useQuery(apiLogQuery());
  const clear = useClearApiLog();

  // Opened once mounted; the parent unmounts it on `close` (Escape, the Close button), which ends the polling.
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      onClose={onClose}
      className="fixed inset-y-0 right-0 left-auto m-0 flex h-dvh max-h-none w-[min(64rem,100vw)] max-w-none flex-col gap-3 overflow-y-auto border-l border-zinc-200 bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <div className="flex flex-wrap items-center gap-3">
        <h2 id={titleId} className="mr-auto text-lg font-semibold">
          API log
        </h2>
        <Button size="sm" onClick={() => clear.mutate()} disabled={clear.isPending || !log.data?.entries.length}>
          Clear
        </Button>
        <Button size="sm" variant="primary" onClick={() => dialog.current?.close()}>
          Close
        </Button>
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-300">
        Every HTTP call this session made to the API, newest first — retries each on their own row — kept in the
        server’s memory only (the last {log.data?.capacity ?? 200}). The token is never shown or kept here:{' '}
        <em>Copy as curl</em> writes it as <code className="font-mono">$APIFY_TOKEN</code>, so set that variable in your
        shell first. Calls made while connecting are not listed.
      </p>
      {clear.error && <ErrorAlert title="Could not clear the log">{errorMessage(clear.error)}</ErrorAlert>}
      {log.error ? (
        <ErrorAlert title="Could not read the API log">{errorMessage(log.error)}</ErrorAlert>
      ) : !log.data ? (
        <TableSkeleton rows={4} label="Loading the API log" />
      ) : log.data.entries.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-300">
          No calls yet. Each call this session makes to the API shows up here within 2 s.
        </p>
      ) : (
        <DataTable label="API calls" columns={COLUMNS}>
          {log.data.entries.map((entry) => (
            <ApiLogRow key={entry.id} entry={entry} />
          ))}
        </DataTable>
      )}
    </dialog>
  );
}

/** A path that wraps before a `/`, `?` or `&` where it can, and anywhere only where it must. */
function WrappingPath({ path }: { path: string }) {
  return (
    <code className="font-mono text-xs [overflow-wrap:anywhere]">
      {path.split(/(?=[/?&])/).map((part, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </code>
  );
}

function ApiLogRow({ entry }: { entry: ApiLogEntry }) {
  const cell = 'py-1 pr-3 align-top last:pr-0';
  return (
    <tr className="border-t border-zinc-100 dark:border-zinc-800" data-testid="api-log-row">
      <td className={`${cell} font-mono text-xs whitespace-nowrap tabular-nums`}>{formatTimeOfDay(entry.at)}</td>
      <td className={`${cell} font-mono text-xs font-semibold`}>{entry.method}</td>
      <td className={cell}>
        <WrappingPath path={entry.path} />
        {entry.bodyTruncated && (
          <span className="block text-xs text-amber-700 dark:text-amber-400">
            body cut at 2 KB: the curl’s body is incomplete
          </span>
        )}
      </td>
      <td className={cell}>
        <Badge tone={statusTone(entry.status)}>{entry.status ?? 'no answer'}</Badge>
      </td>
      <td className={`${cell} text-right text-xs whitespace-nowrap tabular-nums`}>{entry.durationMs} ms</td>
      <td className={`${cell} font-mono text-xs whitespace-nowrap`}>{entry.clientKey ?? '—'}</td>
      <td className={cell}>
        <CopyButton value={entry.curl} label={`Copy as curl: ${entry.method} ${entry.path}`} text="Copy as curl" />
      </td>
    </tr>
  );
}
