'use client';

import { formatTimeOfDay } from '@/lib/format';
import type { LabLogEntry } from '@/lib/lab/types';
import { LANE_LOOKS } from './lanes';
import { describeCall } from './lease-timeline';

const SHOWN = 80;

/** Every API call the lab's clients made, newest first: the protocol as the audience should see it. */
export function LabCalls({ log }: { log: LabLogEntry[] }) {
  const calls = log.flatMap((entry) => entry.calls.map((call) => ({ call, lane: entry.lane })));
  const newest = calls.slice(-SHOWN).reverse();
  return (
    <div className="flex min-h-0 flex-col">
      <p className="text-[0.75em] text-zinc-500 dark:text-zinc-400">
        {calls.length} calls by the clients · the view is read each second as Client A (not listed; see the API log)
      </p>
      <ol aria-label="API calls of the lab" className="min-h-0 flex-1 overflow-y-auto font-mono text-[0.72em]">
        {newest.map(({ call, lane }) => (
          <li key={call.id} className="flex gap-1.5 border-b border-zinc-100 py-0.5 dark:border-zinc-800">
            <span className="text-zinc-500 dark:text-zinc-400 tabular-nums">{formatTimeOfDay(call.startedAt)}</span>
            <span className="font-sans font-bold" style={{ color: LANE_LOOKS[lane].colour }}>
              {lane}
            </span>
            <span
              className={`min-w-0 break-all ${call.status !== null && call.status < 300 ? '' : 'text-red-700 dark:text-red-400'}`}
            >
              {describeCall(call)}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
