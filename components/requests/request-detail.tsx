'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { CountdownBar } from '@/components/locks/countdown-bar';
import { lockTotalMs } from '@/components/locks/lock-durations';
import { ErrorAlert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { cardClass, Panel } from '@/components/ui/panel';
import { SafeUrl } from '@/components/ui/safe-link';
import { Skeleton } from '@/components/ui/skeleton';
import { useToast } from '@/components/ui/toast';
import { clientKeyOn } from '@/lib/acting-as';
import { formatDateTime } from '@/lib/format';
import { errorMessage } from '@/lib/queries/action-error';
import { useDeleteLock, useDeleteRequests, useProlongLock, useUpdateRequest } from '@/lib/queries/mutations';
import { requestQuery, sessionQuery } from '@/lib/queries/options';
import { HeadersTable } from './headers-table';

const MAX_SHOWN = 20_000;

/** The full stored request. Everything in it is untrusted and rendered as text. */
export function RequestDetailView({ queueId, requestId }: { queueId: string; requestId: string }) {
  const query = useQuery(requestQuery(queueId, requestId));
  const session = useQuery(sessionQuery()).data;
  const router = useRouter();
  const toast = useToast();
  const update = useUpdateRequest();
  const prolong = useProlongLock();
  const unlock = useDeleteLock();
  const remove = useDeleteRequests();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  if (query.isPending) return <Skeleton className="h-64" label="Loading the request" />;
  if (!query.data) return <ErrorAlert title="Could not load this request">{errorMessage(query.error)}</ErrorAlert>;

  const request = query.data.request;
  const pageKey = session && clientKeyOn(session, queueId);
  const heldByOther = request.lockExpiresAt !== null && request.lockByClient !== pageKey;
  const writable = session?.writesArmed === true && !heldByOther;
  const done = (message: string) => ({ onSuccess: () => toast(message), onError: setFailure });
  const userData = JSON.stringify(request.userData, null, 2) ?? '';

  return (
    <article aria-labelledby="request-title" className="flex flex-col gap-4">
      <Link href={`/queues/${queueId}?tab=requests`} className="text-sm text-sky-700 hover:underline dark:text-sky-400">
        ← Back to the queue
      </Link>
      <div className={`${cardClass} p-4`}>
        <div className="flex flex-wrap items-center gap-2">
          <h1 id="request-title" className="font-mono text-xl font-semibold">
            {request.id}
          </h1>
          <CopyButton value={request.id} label="Copy request ID" />
          {request.handledAt ? (
            <Badge tone="good">handled</Badge>
          ) : request.lockExpiresAt ? (
            <Badge tone="warn">locked</Badge>
          ) : (
            <Badge>pending</Badge>
          )}
        </div>
        <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-zinc-500 dark:text-zinc-400">URL</dt>
          <dd data-testid="request-url">
            <SafeUrl url={request.url} max={500} />
          </dd>
          <dt className="text-zinc-500 dark:text-zinc-400">uniqueKey</dt>
          <dd className="break-all">{request.uniqueKey.slice(0, 2000)}</dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Method</dt>
          <dd>{request.method}</dd>
          <dt className="text-zinc-500 dark:text-zinc-400">retryCount</dt>
          <dd>
            {request.retryCount}
            {request.noRetry && ' (noRetry)'}
          </dd>
          <dt className="text-zinc-500 dark:text-zinc-400">handledAt</dt>
          <dd>{request.handledAt ? formatDateTime(request.handledAt) : '—'}</dd>
          {request.loadedUrl && (
            <>
              <dt className="text-zinc-500 dark:text-zinc-400">loadedUrl</dt>
              <dd>
                <SafeUrl url={request.loadedUrl} max={500} />
              </dd>
            </>
          )}
          {request.lockExpiresAt && (
            <>
              <dt className="text-zinc-500 dark:text-zinc-400">Lock</dt>
              <dd className="flex flex-wrap items-center gap-3">
                <CountdownBar
                  expiresAt={request.lockExpiresAt}
                  totalMs={lockTotalMs(request.id, request.lockExpiresAt, Date.parse(query.data.serverNow))}
                />
                <span>
                  held by <code>{request.lockByClient ?? '(no clientKey)'}</code>
                  {request.lockByClient === pageKey && ' (you)'}, until {formatDateTime(request.lockExpiresAt)}
                </span>
              </dd>
            </>
          )}
        </dl>
        <div className="mt-4 flex flex-wrap gap-2">
          {request.handledAt ? (
            <Button
              disabled={!writable}
              onClick={() => update.mutate({ queueId, requestId, change: 'reclaim' }, done('Sent back to the queue'))}
            >
              Reclaim (back to pending)
            </Button>
          ) : (
            <Button
              disabled={!writable}
              onClick={() => update.mutate({ queueId, requestId, change: 'mark-handled' }, done('Marked handled'))}
            >
              Mark handled
            </Button>
          )}
          {request.lockExpiresAt && (
            <>
              <Button
                disabled={!writable}
                onClick={() =>
                  prolong.mutate({ queueId, requestId, lockSecs: 60, forefront: false }, done('Lock prolonged by 60 s'))
                }
              >
                Prolong 60 s
              </Button>
              <Button
                disabled={!writable}
                onClick={() => unlock.mutate({ queueId, requestId, forefront: false }, done('Unlocked'))}
              >
                Unlock
              </Button>
            </>
          )}
          {confirmDelete ? (
            <span className="flex items-center gap-2 text-sm">
              Delete this request for good?
              <Button
                variant="danger"
                size="sm"
                onClick={() =>
                  remove.mutate(
                    { queueId, requestIds: [requestId] },
                    {
                      onSuccess: () => {
                        toast('Request deleted');
                        router.push(`/queues/${queueId}?tab=requests`);
                      },
                      onError: setFailure,
                    },
                  )
                }
              >
                Delete
              </Button>
              <Button size="sm" onClick={() => setConfirmDelete(false)}>
                Cancel
              </Button>
            </span>
          ) : (
            <Button variant="ghost" disabled={!writable} onClick={() => setConfirmDelete(true)}>
              Delete…
            </Button>
          )}
        </div>
        {heldByOther ? (
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-300">
            Held by <code>{request.lockByClient ?? '(no clientKey)'}</code>: only its holder can change this request
            until the lock ends.
          </p>
        ) : (
          !writable && (
            <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-300">
              Read-only session: arm writes in the header to change this request.
            </p>
          )
        )}
        {failure ? (
          <div className="mt-3">
            <ErrorAlert title="That did not work">{errorMessage(failure)}</ErrorAlert>
          </div>
        ) : null}
      </div>

      <Panel title="userData" heading="minor">
        <pre
          data-testid="user-data"
          className="mt-2 max-h-96 overflow-auto rounded bg-zinc-50 p-2 text-xs whitespace-pre-wrap break-all dark:bg-zinc-950"
        >
          {userData.length > MAX_SHOWN
            ? `${userData.slice(0, MAX_SHOWN)}\n… (${userData.length - MAX_SHOWN} more characters)`
            : userData}
        </pre>
      </Panel>
      <HeadersTable headers={request.headers} />
      <Panel title={<>errorMessages ({request.errorMessages.length})</>} heading="minor">
        {request.errorMessages.length === 0 ? (
          <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">None.</p>
        ) : (
          <ol className="mt-2 list-inside list-decimal text-sm">
            {request.errorMessages.slice(0, 100).map((message, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: messages repeat and have no identity
              <li key={index} className="break-all">
                {message.slice(0, 2000)}
              </li>
            ))}
          </ol>
        )}
      </Panel>
      {request.payload && (
        <Panel title="payload" heading="minor">
          <pre className="mt-2 max-h-64 overflow-auto text-xs whitespace-pre-wrap break-all">
            {request.payload.slice(0, MAX_SHOWN)}
          </pre>
        </Panel>
      )}
    </article>
  );
}
