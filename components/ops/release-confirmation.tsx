import { Button } from '@/components/ui/button';
import type { Holder } from '@/lib/ops/history';
import { Ago } from './ago';

interface ReleaseConfirmationProps {
  queueId: string;
  holder: Holder;
  sessionKey: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before releasing a holder's locks; warns when that holder still looks alive. */
export function ReleaseConfirmation({
  queueId,
  holder,
  sessionKey,
  busy,
  onConfirm,
  onCancel,
}: ReleaseConfirmationProps) {
  const count = `${holder.locks} lock${holder.locks === 1 ? '' : 's'}`;
  return (
    <div
      role="alertdialog"
      aria-label={`Release the locks of ${holder.clientKey}`}
      className="flex flex-col gap-2 rounded-md border border-zinc-300 bg-zinc-50 p-3 text-sm dark:border-zinc-700 dark:bg-zinc-950"
    >
      <p className="font-semibold">
        Release {count} of <span className="font-mono">{holder.clientKey}</span>?
      </p>
      {holder.status === 'active' && (
        <p className="rounded border border-red-300 bg-red-50 px-2 py-1 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          {holder.clientKey} looks active: it acted{' '}
          {holder.lastActedAt === null ? 'recently' : <Ago at={holder.lastActedAt} />}. If it is still working on these
          requests, another client may take them and handle them a second time.
        </p>
      )}
      {holder.status === 'unknown' && (
        <p>Headlock has not watched {holder.clientKey} long enough to tell whether it is still working.</p>
      )}
      <p className="text-zinc-700 dark:text-zinc-300">
        The requests go back to the head for any client to take. Headlock sends one call,{' '}
        <code className="font-mono text-xs break-all">
          POST /v2/request-queues/{queueId}/requests/unlock?clientKey={holder.clientKey}
        </code>
        . Your session's clientKey (<span className="font-mono">{sessionKey}</span>) does not change, and{' '}
        {holder.clientKey} is already a client of this queue, so the call makes the queue look no more shared than it
        is.
      </p>
      <div className="flex gap-2">
        <Button variant="danger" size="sm" disabled={busy} onClick={onConfirm}>
          {busy ? 'Releasing…' : `Release ${count}`}
        </Button>
        <Button size="sm" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
