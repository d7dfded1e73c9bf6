'use client';

import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';

export const INTERVALS = [1, 2, 5, 10, 30] as const;

interface RefreshControlsProps {
  intervalSecs: number;
  onIntervalChange: (secs: number) => void;
  paused: boolean;
  onPausedChange: (paused: boolean) => void;
  updatedAt: number;
  /** The server's time when the shown snapshot was taken. */
  snapshotAt: string;
  fetching: boolean;
  slowedDown: boolean;
  onRefresh: () => void;
}

export function RefreshControls(props: RefreshControlsProps) {
  const {
    intervalSecs,
    onIntervalChange,
    paused,
    onPausedChange,
    updatedAt,
    snapshotAt,
    fetching,
    slowedDown,
    onRefresh,
  } = props;
  const [, rerender] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => rerender((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  const age = updatedAt ? Math.max(0, Math.round((Date.now() - updatedAt) / 1000)) : null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label className="flex items-center gap-1">
        <span className="text-zinc-600 dark:text-zinc-300">Auto-refresh every</span>
        <select
          value={intervalSecs}
          onChange={(event) => onIntervalChange(Number(event.target.value))}
          className="h-8 rounded-md border border-zinc-300 bg-white px-1 dark:border-zinc-700 dark:bg-zinc-900"
        >
          {INTERVALS.map((secs) => (
            <option key={secs} value={secs}>
              {secs} s
            </option>
          ))}
        </select>
      </label>
      <Button size="sm" onClick={() => onPausedChange(!paused)} aria-pressed={paused}>
        {paused ? 'Resume' : 'Pause'}
      </Button>
      <Button size="sm" onClick={onRefresh} disabled={fetching} aria-keyshortcuts="r">
        Refresh
      </Button>
      <span role="status" className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="updated-ago">
        {fetching ? (
          'Updating…'
        ) : age === null ? (
          ''
        ) : (
          <time dateTime={snapshotAt} data-testid="snapshot-time">{`Updated ${age} s ago`}</time>
        )}
        {paused && ' · paused'}
        {slowedDown && ' · the API is rate limiting: polling slowed down'}
      </span>
    </div>
  );
}
