'use client';

import { formatSecondsLeft } from '@/lib/format';
import { useServerNow } from './server-clock';

/** A live countdown to `expiresAt` on the shared ticker; `totalMs` sets the full bar; `narrow` drops its minimum width. */
export function CountdownBar({
  expiresAt,
  totalMs,
  narrow = false,
}: {
  expiresAt: string;
  totalMs: number;
  narrow?: boolean;
}) {
  const now = useServerNow();
  // A lock never has more left than its length (the clock estimate may lag by an answer's travel time).
  const left = Math.min(Date.parse(expiresAt) - now, totalMs);
  const fraction = Math.max(0, Math.min(1, left / Math.max(totalMs, 1)));
  const tone =
    left <= 0 ? 'bg-zinc-400' : fraction < 0.2 ? 'bg-red-500' : fraction < 0.5 ? 'bg-amber-500' : 'bg-emerald-500';
  return (
    <div className={`flex items-center gap-2 ${narrow ? 'min-w-0' : 'min-w-40'}`}>
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
        className={`text-right text-xs tabular-nums ${narrow ? 'w-11 shrink-0' : 'w-16'}`}
      >
        {formatSecondsLeft(left)}
      </span>
    </div>
  );
}
