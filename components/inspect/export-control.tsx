'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ProgressBar } from '@/components/ui/progress-bar';
import { formatCount } from '@/lib/format';
import { EXPORT_FORMATS, type ExportFormat, type RequestView } from '@/lib/inspect/types';
import { useExport } from './use-export';

const FORMAT_LABELS: Record<ExportFormat, string> = { ndjson: 'NDJSON', json: 'JSON', csv: 'CSV' };
/** Lines that are not requests: CSV's header row, JSON's brackets. */
const EXTRA_LINES: Record<ExportFormat, number> = { ndjson: 0, json: 2, csv: 1 };
const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** Export the current view as a file, streamed page by page from the server. */
export function ExportControl({ queueId, view }: { queueId: string; view: RequestView }) {
  const [format, setFormat] = useState<ExportFormat>('ndjson');
  const exporting = useExport(queueId);
  const run = exporting.run;
  const rows = run ? Math.max(0, run.lines - EXTRA_LINES[run.format]) : 0;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label className="flex items-center gap-1">
        <span className="text-zinc-600 dark:text-zinc-300">Export as</span>
        <select
          value={format}
          onChange={(event) => setFormat(event.target.value as ExportFormat)}
          className="h-8 rounded-md border border-zinc-300 bg-white px-1 dark:border-zinc-700 dark:bg-zinc-900"
        >
          {EXPORT_FORMATS.map((value) => (
            <option key={value} value={value}>
              {FORMAT_LABELS[value]}
            </option>
          ))}
        </select>
      </label>
      <Button size="sm" disabled={run?.status === 'running'} onClick={() => void exporting.start(format, view)}>
        Export
      </Button>
      {run?.status === 'running' && (
        <span className="flex items-center gap-2" aria-live="polite">
          <ProgressBar
            label="Export progress"
            className="w-32"
            value={run.expected ? Math.min(rows, run.expected) : undefined}
            max={Math.max(run.expected ?? 1, 1)}
          />
          <span>
            {formatCount(rows)} rows{run.expected !== null && ` of up to ${formatCount(run.expected)}`} ·{' '}
            {megabytes(run.bytes)}
          </span>
          <Button size="sm" onClick={exporting.cancel}>
            Cancel export
          </Button>
        </span>
      )}
      {run?.status === 'finished' && (
        <span aria-live="polite">
          Exported {formatCount(rows)} rows as {FORMAT_LABELS[run.format]} ({megabytes(run.bytes)}), saved to your
          downloads.
        </span>
      )}
      {run?.status === 'cancelled' && <span aria-live="polite">Export cancelled.</span>}
      {run?.status === 'failed' && (
        <span role="alert" className="text-red-800 dark:text-red-300">
          {run.error}
        </span>
      )}
    </div>
  );
}
