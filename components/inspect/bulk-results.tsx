'use client';

import { RequestLink } from '@/components/requests/request-link';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ProgressBar } from '@/components/ui/progress-bar';
import { formatCount } from '@/lib/format';
import type { BulkOutcome } from '@/lib/inspect/types';
import { OPERATION_LABELS } from './bulk-summary';
import type { BulkRun } from './use-bulk';

const SHOWN = 500;
const STATUS_TEXT: Record<BulkOutcome['status'], string> = { done: 'done', unchanged: 'unchanged', failed: 'failed' };

/** A bulk action's progress while it runs, then what happened to each request. */
export function BulkResults({
  run,
  queueId,
  onCancel,
  onDismiss,
}: {
  run: BulkRun;
  queueId: string;
  onCancel: () => void;
  onDismiss: () => void;
}) {
  const tally = { done: 0, unchanged: 0, failed: 0 };
  for (const outcome of run.outcomes) tally[outcome.status]++;
  const processed = run.outcomes.length;
  const label = OPERATION_LABELS[run.operation];
  // Failures first: they are what needs a look.
  const listed = [...run.outcomes].sort((a, b) => order(a) - order(b)).slice(0, SHOWN);
  return (
    <section className="flex flex-col gap-2" aria-label={`${label} results`}>
      {run.status === 'running' ? (
        <div className="flex flex-wrap items-center gap-3" aria-live="polite">
          <ProgressBar label={`${label} progress`} className="w-48" value={processed} max={Math.max(run.total, 1)} />
          <span>
            {label}: {formatCount(processed)} of {formatCount(run.total)}
            {run.backingOff && ' · rate limited (429): backing off'}
          </span>
          <Button size="sm" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <p aria-live="polite" data-testid="bulk-summary">
            {label} {run.status === 'cancelled' ? 'cancelled' : run.status === 'failed' ? 'stopped' : 'finished'}:{' '}
            {formatCount(tally.done)} done, {formatCount(tally.unchanged)} unchanged, {formatCount(tally.failed)} failed
            {processed < run.total && `, ${formatCount(run.total - processed)} not sent`}.
          </p>
          <Button size="sm" variant="ghost" onClick={onDismiss}>
            Dismiss
          </Button>
        </div>
      )}
      {run.error && <ErrorAlert title={`${label} stopped`}>{run.error}</ErrorAlert>}
      {listed.length > 0 && (
        <ul
          aria-label="Per request"
          className="max-h-48 overflow-y-auto rounded border border-zinc-200 bg-white text-xs dark:border-zinc-800 dark:bg-zinc-950"
        >
          {listed.map((outcome) => (
            <li key={outcome.requestId} data-testid="bulk-outcome" className="flex gap-2 px-2 py-0.5">
              <RequestLink queueId={queueId} requestId={outcome.requestId} />
              <span className={outcome.status === 'failed' ? 'font-medium text-red-800 dark:text-red-300' : ''}>
                {STATUS_TEXT[outcome.status]}
              </span>
              {outcome.message && <span className="text-zinc-600 dark:text-zinc-300">{outcome.message}</span>}
            </li>
          ))}
          {run.outcomes.length > SHOWN && (
            <li className="px-2 py-0.5">and {formatCount(run.outcomes.length - SHOWN)} more</li>
          )}
        </ul>
      )}
    </section>
  );
}

const order = (outcome: BulkOutcome) => (outcome.status === 'failed' ? 0 : outcome.status === 'unchanged' ? 1 : 2);
