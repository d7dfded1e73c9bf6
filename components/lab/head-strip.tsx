'use client';

import type { StripCell } from '@/lib/lab/strip';
import { LANE_LOOKS } from './lanes';

/** How a cell reads to a screen reader (and in its tooltip). */
function describeCell(cell: StripCell) {
  if (cell.state === 'handled') return `${cell.label}: handled`;
  if (cell.state === 'pending') return `${cell.label}: pending, #${cell.position ?? '?'} of the head`;
  const holder = cell.lane ? LANE_LOOKS[cell.lane].name : 'another client';
  const returns = cell.returnsTo ? `, returns to the ${cell.returnsTo} when the lock ends` : '';
  return `${cell.label}: locked by ${holder}${returns}`;
}

/**
 * The queue in order, one cell per request: locked requests stand where they will return when their
 * lock ends (a lock keeps the request's place in the ordering key), then the head, then the handled.
 */
export function HeadStrip({ cells, latest }: { cells: StripCell[]; latest: string | null }) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <ol aria-label="The queue in order" className="flex flex-wrap gap-1">
        {cells.map((cell) => {
          const look = cell.lane ? LANE_LOOKS[cell.lane] : null;
          const locked = cell.state === 'locked';
          return (
            <li
              key={cell.requestId}
              aria-label={describeCell(cell)}
              title={describeCell(cell)}
              data-state={cell.state}
              data-lane={cell.lane ?? undefined}
              className={`relative flex h-9 min-w-11 flex-col items-center justify-center rounded border px-1 font-mono leading-none ${
                cell.state === 'handled'
                  ? 'border-zinc-200 text-zinc-500 dark:border-zinc-800 dark:text-zinc-400'
                  : locked
                    ? 'border-transparent text-white'
                    : 'border-zinc-300 bg-zinc-100 text-zinc-800 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-100'
              }`}
              style={locked ? { background: look?.colour ?? '#52525b' } : undefined}
            >
              <span className={`text-[0.8em] font-semibold ${cell.state === 'handled' ? 'line-through' : ''}`}>
                {cell.label}
              </span>
              <span className="text-[0.6em]">
                {cell.state === 'pending'
                  ? `#${cell.position ?? '?'}`
                  : cell.state === 'handled'
                    ? '✓'
                    : cell.returnsTo === 'front'
                      ? '⇤ front'
                      : '⇥ end'}
              </span>
            </li>
          );
        })}
      </ol>
      <p className="text-[0.7em] text-zinc-500 dark:text-zinc-400">
        Grey: pending, numbered in head order · coloured: locked by that client, placed where it returns when the lock
        ends (⇤ front, ⇥ end) · struck out: handled
      </p>
      <p
        data-testid="latest-caption"
        aria-live="polite"
        title={latest ?? undefined}
        className="truncate text-[0.95em] font-medium"
      >
        {latest ?? 'Nothing has happened yet.'}
      </p>
    </div>
  );
}
