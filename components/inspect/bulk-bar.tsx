'use client';

import { useState } from 'react';
import { serverTimeNow } from '@/components/locks/server-clock';
import { Button } from '@/components/ui/button';
import { countOf, formatCount } from '@/lib/format';
import { BULK_OPERATIONS, type BulkOperation, type ScanRow } from '@/lib/inspect/types';
import type { TargetName } from '@/lib/types';
import { BulkResults } from './bulk-results';
import { bulkSummary, OPERATION_LABELS, stateBreakdown } from './bulk-summary';
import { type BulkOptions, useBulk } from './use-bulk';

interface BulkBarProps {
  queueId: string;
  selectedIds: readonly string[];
  /** The selected rows whose state this page knows (from the table or the scan). */
  knownRows: readonly ScanRow[];
  target: TargetName;
  /** Why writes are off, or null when they are armed. */
  writeBlock: string | null;
  onClear: () => void;
  /** Requests that no longer exist (deleted): they leave the selection. */
  onGone: (requestIds: string[]) => void;
}

/** The selection's actions: reclaim, mark handled, delete, each confirmed first, with progress and results. */
export function BulkBar({ queueId, selectedIds, knownRows, target, writeBlock, onClear, onGone }: BulkBarProps) {
  const bulk = useBulk(queueId);
  const [confirming, setConfirming] = useState<BulkOperation | null>(null);
  const [options, setOptions] = useState<BulkOptions>({ forefront: false, resetRetries: false });
  const running = bulk.run?.status === 'running';
  const count = selectedIds.length;
  if (count === 0 && !bulk.run) return null;

  const begin = async (operation: BulkOperation) => {
    setConfirming(null);
    const run = await bulk.start(operation, selectedIds, options);
    if (operation === 'delete') {
      onGone(run.outcomes.filter((outcome) => outcome.status !== 'failed').map((outcome) => outcome.requestId));
    }
  };

  return (
    <section
      aria-label="Bulk actions"
      className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50/60 p-3 text-sm dark:border-amber-800 dark:bg-amber-950/40"
    >
      <div className="flex flex-wrap items-center gap-2">
        <span className="mr-auto font-medium" data-testid="selected-count">
          {formatCount(count)} selected
        </span>
        {BULK_OPERATIONS.map((operation) => (
          <Button
            key={operation}
            size="sm"
            variant={operation === 'delete' ? 'danger' : 'secondary'}
            disabled={count === 0 || running || writeBlock !== null}
            onClick={() => setConfirming(operation)}
          >
            {OPERATION_LABELS[operation]}…
          </Button>
        ))}
        <Button size="sm" variant="ghost" disabled={running || count === 0} onClick={onClear}>
          Clear selection
        </Button>
      </div>
      {writeBlock && <p className="text-xs text-zinc-700 dark:text-zinc-300">{writeBlock}</p>}
      {confirming && (
        <div
          role="alertdialog"
          aria-label={`${OPERATION_LABELS[confirming]} ${countOf(count, 'request')}`}
          className="flex flex-col gap-2 rounded-md border border-zinc-300 bg-white p-3 dark:border-zinc-700 dark:bg-zinc-950"
        >
          <p className="font-semibold">
            {OPERATION_LABELS[confirming]} {countOf(count, 'request')}?
          </p>
          <p>{bulkSummary(confirming, count, options)}</p>
          {knownRows.length > 0 && (
            <p className="text-zinc-600 dark:text-zinc-300">
              As last read: {stateBreakdown(knownRows, serverTimeNow())}. Requests another client holds locked are left
              alone and reported.
            </p>
          )}
          {confirming === 'reclaim' && (
            <div className="flex flex-wrap gap-4">
              <label className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={options.forefront}
                  onChange={(event) => setOptions({ ...options, forefront: event.target.checked })}
                />
                to the front of the queue
              </label>
              <label className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={options.resetRetries}
                  onChange={(event) => setOptions({ ...options, resetRetries: event.target.checked })}
                />
                reset retryCount to 0
              </label>
            </div>
          )}
          {target === 'apify' && (
            <p className="rounded border border-red-300 bg-red-50 px-2 py-1 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
              This changes a live queue on Apify, one call per request (deletes 25 per call), within the platform's rate
              limits. A crawler working on this queue sees the change at once.
            </p>
          )}
          <div className="flex gap-2">
            <Button
              size="sm"
              variant={confirming === 'delete' ? 'danger' : 'primary'}
              onClick={() => void begin(confirming)}
            >
              {OPERATION_LABELS[confirming]} {formatCount(count)}
            </Button>
            <Button size="sm" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
          </div>
        </div>
      )}
      {bulk.run && <BulkResults run={bulk.run} queueId={queueId} onCancel={bulk.cancel} onDismiss={bulk.clear} />}
    </section>
  );
}
