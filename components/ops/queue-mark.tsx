import { Badge } from '@/components/ui/badge';
import { relativeTime } from '@/lib/format';
import { DEFAULT_OPS_SETTINGS, type Verdict } from '@/lib/ops/history';
import { describeVerdict } from '@/lib/ops/wording';
import type { QueueMark } from '@/lib/types';
import { clockTime } from './clock-time';

const SHORT: Record<Verdict['kind'], string> = {
  'all-pending-locked': 'all pending locked',
  'locks-head-empty': 'waiting on locks',
  stall: 'stalled',
  poison: 'poison requests',
  finished: 'finished',
};
const BADGE_TONE = { problem: 'bad', warning: 'warn', ok: 'good' } as const;

/** A queue's health in the queue list: its latest verdict and how its pending count moved. */
export function QueueMarkCell({ mark, now }: { mark: QueueMark | undefined; now: number }) {
  if (!mark) return <span className="text-xs text-zinc-500 dark:text-zinc-400">not watched</span>;
  const text = mark.verdict ? describeVerdict(mark.verdict, clockTime, DEFAULT_OPS_SETTINGS) : null;
  return (
    <div className="flex items-center gap-2">
      <span title={text?.headline}>
        {mark.verdict && text ? (
          <Badge tone={BADGE_TONE[text.tone]}>{SHORT[mark.verdict.kind]}</Badge>
        ) : (
          <Badge>no findings</Badge>
        )}
      </span>
      <MiniLine values={mark.pending} />
      <span className="text-xs whitespace-nowrap text-zinc-500 dark:text-zinc-400">
        {relativeTime(new Date(mark.recordedAt).toISOString(), now)}
      </span>
    </div>
  );
}

/** The pending count over the last minutes, as a tiny line (decoration: the badge says the finding). */
function MiniLine({ values }: { values: number[] }) {
  if (values.length < 2) return null;
  const max = Math.max(...values, 1);
  const points = values.map((value, i) => `${(i * 48) / (values.length - 1)},${14 - (value / max) * 12}`).join(' ');
  return (
    <svg viewBox="0 0 48 16" className="h-4 w-12 text-zinc-500 dark:text-zinc-400" aria-hidden="true">
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.2" />
    </svg>
  );
}
