'use client';

import type { Caption } from '@/lib/lab/captions';
import { LANE_LOOKS } from './lanes';

const SHOWN = 40;

/** What happened, in words, newest first. */
export function LabCaptions({ captions }: { captions: Caption[] }) {
  const newest = captions.slice(-SHOWN).reverse();
  return (
    <ol aria-label="What happened" className="min-h-0 flex-1 overflow-y-auto text-[0.8em]">
      {newest.length === 0 && (
        <li className="text-zinc-500">Nothing yet: act with a client, or start a guided demo.</li>
      )}
      {newest.map((caption) => (
        <li key={caption.key} className="border-b border-zinc-100 py-0.5 dark:border-zinc-800">
          {caption.lane && (
            <span className="mr-1 font-bold" style={{ color: LANE_LOOKS[caption.lane].colour }}>
              {caption.lane}
            </span>
          )}
          {caption.text}
        </li>
      ))}
    </ol>
  );
}
