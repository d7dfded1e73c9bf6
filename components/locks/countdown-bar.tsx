'use client';

import { formatSecondsLeft } from '@/lib/format';
import { useServerNow } from './server-clock';

/** A live countdown to `expiresAt` on the shared ticker; `totalMs` sets the full bar. */
export function CountdownBar({ expiresAt, totalMs }: { expiresAt: string; totalMs: number }) {
  const now = useServerNow();
  // A lock never has more left than its length (the clock estimate may lag by an answer's travel time).
  const left = Math.min(Date.parse(expiresAt) - now, totalMs);
  const fraction = Math.max(0, Math.min(1, left / Math.max(totalMs, 1)));
  const tone =
    left <= 0 ? 'bg-zinc-400' : fraction < 0.2 ? 'bg-red-500' : fraction < 0.5 ? 'bg-amber-500' : 'bg-emerald-500';
  return (
    <div className="flex min-w-40 items-center gap-2">
      <div
        role="progressbar"
        aria-label="Lock time left"
        aria-valuemin={0}
        aria-valuemax={Math.round(totalMs / 1000)}
        aria-valuenow={Math.max(0, Math.round(left / 1000))}
        className="h-2 flex-1 overflow-hidden rounded bg-zinc-200 dark:bg-zinc-800"
      >
        <div className={`h-full ${tone}`} style={{ width: `${fraction * 100}%` }} />
      </div>
      <span
        data-testid="lock-seconds-left"
        data-ms-left={Math.max(0, Math.round(left))}
        className="w-16 text-right text-xs tabular-nums"
      >
        {formatSecondsLeft(left)}
      </span>
    </div>
  );
}
