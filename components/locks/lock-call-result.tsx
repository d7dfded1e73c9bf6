import { Button } from '@/components/ui/button';
import { formatDateTime } from '@/lib/format';
import type { LockResult } from '@/lib/types';

/** The answer of one head/lock call, dated: what the API said then, not the queue's state now. */
export function LockCallResult({ result, onDismiss }: { result: LockResult; onDismiss: () => void }) {
  const fields = [
    ['locked', String(result.items.length), 'lock-result-count'],
    ['queueHasLockedRequests', String(result.queueHasLockedRequests), 'lock-result-has-locked'],
    ['clientKey', result.clientKey, undefined],
    ['hadMultipleClients', String(result.hadMultipleClients), undefined],
  ] as const;
  return (
    <div data-testid="lock-result" className="rounded-md bg-zinc-50 p-2 text-xs dark:bg-zinc-950">
      <div className="flex items-center gap-2">
        <p className="text-zinc-500 dark:text-zinc-400">
          Answer of the head/lock call at{' '}
          <time dateTime={result.serverNow}>{formatDateTime(result.serverNow).slice(11)}</time> (not updated since)
        </p>
        <Button
          size="sm"
          variant="ghost"
          className="ml-auto"
          onClick={onDismiss}
          aria-label="Dismiss the lock call’s answer"
        >
          Dismiss
        </Button>
      </div>
      <dl className="flex flex-wrap gap-x-4 gap-y-1">
        {fields.map(([name, value, testId]) => (
          <div key={name}>
            <dt className="inline text-zinc-500 dark:text-zinc-400">{name} </dt>
            <dd className="inline font-medium" data-testid={testId}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
