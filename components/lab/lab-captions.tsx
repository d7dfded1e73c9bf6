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
        <li className="text-zinc-500 dark:text-zinc-400">Nothing yet: act with a client, or start a guided demo.</li>
      )}
      {newest.map((caption) => (
        <li
          key={caption.key}
          className="border-b border-l-4 border-b-zinc-100 py-0.5 pl-1.5 dark:border-b-zinc-800"
          style={{ borderLeftColor: caption.lane ? LANE_LOOKS[caption.lane].colour : 'transparent' }}
        >
          {caption.text}
        </li>
      ))}
    </ol>
  );
}
