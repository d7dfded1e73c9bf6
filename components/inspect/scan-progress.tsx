'use client';

import { useServerNow } from '@/components/locks/server-clock';
import { Ago } from '@/components/ops/ago';
import { ErrorAlert, Notice } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ProgressBar } from '@/components/ui/progress-bar';
import { formatCount } from '@/lib/format';
import { duration } from '@/lib/ops/wording';
import type { ScanState } from './scan-store';

interface ScanProgressProps {
  state: ScanState;
  /** What the scan looks for, e.g. "failed" or "matching": "1,234 failed". */
  noun: string;
  onCancel: () => void;
  onRescan: () => void;
}

/** A scan's progress while it runs (read / expected, rate, time left), and what it found after. */
export function ScanProgress({ state, noun, onCancel, onRescan }: ScanProgressProps) {
  const now = useServerNow();
  const found = `${formatCount(state.matched)} ${noun}`;
  const rescan = (
    <Button size="sm" onClick={onRescan}>
      Rescan
    </Button>
  );
  if (state.status === 'running') {
    const elapsed = Math.max(1, now - state.startedAt);
    const rate = (state.read / elapsed) * 1000;
    const left = rate > 0 && state.expected > state.read ? ((state.expected - state.read) / rate) * 1000 : null;
    return (
      <div className="flex flex-col gap-1 text-sm" aria-live="polite">
        <ProgressBar
          label="Scan progress"
          className="w-full"
          value={Math.min(state.read, state.expected)}
          max={Math.max(state.expected, 1)}
        />
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <span>
            Scanning: {formatCount(state.read)} of {formatCount(state.expected)} requests read
            {state.read > 0 && ` · ${formatCount(Math.round(rate))}/s`}
            {left !== null && state.read > 0 && ` · about ${duration(left + 999)} left`}
            {state.backingOff && ' · rate limited (429): backing off'}
          </span>
          <Button size="sm" onClick={onCancel}>
            Cancel scan
          </Button>
        </div>
      </div>
    );
  }
  if (state.status === 'failed') {
    return (
      <div className="flex flex-col gap-2">
        <ErrorAlert title={`The scan stopped after ${formatCount(state.read)} requests`}>
          {state.error?.message}
        </ErrorAlert>
        <div>{rescan}</div>
      </div>
    );
  }
  const finishedAt = state.finishedAt ?? state.startedAt;
  return (
    <div className="flex flex-col gap-2 text-sm">
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1" aria-live="polite">
        <span>
          {state.status === 'done'
            ? `Scanned all ${formatCount(state.read)} requests: ${found} (exact), `
            : `Scan cancelled after ${formatCount(state.read)} of ${formatCount(state.expected)} requests: ${found} among them (partial), `}
          <Ago at={finishedAt} />
        </span>
        {rescan}
      </p>
      {state.stale && (
        <Notice>The queue was changed from this page after the scan: rescan to see it as it is now.</Notice>
      )}
    </div>
  );
}
