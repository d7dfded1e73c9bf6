import { useServerNow } from '@/components/locks/server-clock';
import { Panel } from '@/components/ui/panel';
import type { Activity } from '@/lib/ops/history';
import { describeEvent, duration } from '@/lib/ops/wording';
import { clockTime } from './clock-time';
import { Sparkline } from './sparkline';

/** What was recorded of the queue: how much, three sparklines, and what changed between snapshots. */
export function ActivityPanel({ activity }: { activity: Activity }) {
  const { series, events } = activity;
  return (
    <Panel title="Activity" heading="minor" description={<RecordedSpan activity={activity} />}>
      <div className="mt-2 grid grid-cols-3 gap-3 lg:grid-cols-1 xl:grid-cols-3">
        <Sparkline label="Handled per minute" values={series.handledPerMinute} />
        <Sparkline label="Pending" values={series.pending} />
        <Sparkline label="Locked" values={series.locked} />
      </div>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer font-medium">Event log ({events.length})</summary>
        {events.length === 0 ? (
          <p className="mt-1 text-zinc-600 dark:text-zinc-300">Nothing changed between the recorded snapshots.</p>
        ) : (
          <ol aria-label="Event log" className="mt-1 max-h-64 overflow-y-auto">
            {events.map((event, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the log is replaced whole on every poll
              <li key={i} className="flex gap-2 border-t border-zinc-100 py-0.5 dark:border-zinc-800">
                <time
                  className="shrink-0 font-mono text-xs text-zinc-500 tabular-nums dark:text-zinc-400"
                  dateTime={new Date(event.at).toISOString()}
                >
                  {clockTime(event.at)}
                </time>
                <span className="break-all">{describeEvent(event)}</span>
              </li>
            ))}
          </ol>
        )}
      </details>
    </Panel>
  );
}

/** How much history there is and how old it is: on a later visit, the page says what it shows. */
function RecordedSpan({ activity }: { activity: Activity }) {
  const now = useServerNow();
  const { recordedFrom, recordedTo, samples, observedForMs } = activity;
  if (recordedFrom === null || recordedTo === null)
    return 'Nothing recorded yet: history grows while this page is open.';
  const gap = recordedTo - recordedFrom - observedForMs > 1000;
  return (
    <>
      {samples} snapshot{samples === 1 ? '' : 's'} recorded from {clockTime(recordedFrom)} to {clockTime(recordedTo)}
      {now - recordedTo > 10_000 ? ` (${duration(now - recordedTo)} ago)` : ''}; watched without a break for{' '}
      {duration(observedForMs)}
      {gap ? ' (earlier history has gaps when nobody watched)' : ''}.
    </>
  );
}
