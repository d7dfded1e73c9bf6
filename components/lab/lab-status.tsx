'use client';

import type { Tally } from '@/lib/lab/tally';
import type { LabView } from '@/lib/lab/types';

interface LabStatusProps {
  view: LabView | undefined;
  tally: Tally;
  /** Why hadMultipleClients is what it is, in a line. */
  flagWhy: string;
}

/** The queue's flag and the run's tally: the two facts a lock demo is about. */
export function LabStatus({ view, tally, flagWhy }: LabStatusProps) {
  const shared = view?.hadMultipleClients === true;
  const doubleGrants = tally.doubleGrants.length;
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-x-4 gap-y-1 text-[0.85em]">
      <p title={flagWhy} className="flex items-center gap-1.5">
        <code>hadMultipleClients</code>
        <span
          data-testid="had-multiple-clients"
          className={`rounded px-1.5 font-mono font-semibold ${
            shared ? 'bg-amber-200 text-amber-950' : 'bg-emerald-100 text-emerald-900'
          }`}
        >
          {view ? String(shared) : '…'}
        </span>
        <span className="text-zinc-600 dark:text-zinc-300">{flagWhy}</span>
      </p>
      <p data-testid="lab-tally" className="font-medium tabular-nums">
        handled {view ? `${view.handledRequestCount}/${view.totalRequestCount}` : '…'} · by the clients {tally.handled}{' '}
        · <span className={doubleGrants > 0 ? 'text-red-700 dark:text-red-400' : ''}>double grants {doubleGrants}</span>{' '}
        ·{' '}
        <span className={tally.handledTwice > 0 ? 'text-red-700 dark:text-red-400' : ''}>
          done twice {tally.handledTwice}
        </span>
      </p>
    </div>
  );
}
