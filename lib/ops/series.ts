import type { ActivitySeries, History, Sample } from './history';

// Sparklines over the recorded window: the window cut into equal buckets, one point per bucket.
// Pending and locked are the bucket's last reading; handled/min is the handled count's rise over
// the bucket, from the last reading before it (a fall, e.g. a counter reset, counts as no rise).

/** The series of a history in at most `buckets` points (no more than there are samples). */
export function seriesOf(history: History, buckets = 60): ActivitySeries {
  const series: ActivitySeries = { at: [], handledPerMinute: [], pending: [], locked: [] };
  const first = history[0];
  const last = history.at(-1);
  if (!first || !last) return series;
  const span = last.at - first.at;
  const count = span === 0 ? 1 : Math.max(1, Math.min(Math.floor(buckets), history.length));
  const width = span / count;

  // The last sample of each bucket; a bucket is [start, end), the last one takes the window's end too.
  const lastOf: (Sample | undefined)[] = new Array(count);
  for (const sample of history) {
    const index = width === 0 ? 0 : Math.min(count - 1, Math.floor((sample.at - first.at) / width));
    lastOf[index] = sample;
  }

  let previous = first;
  for (let index = 0; index < count; index++) {
    const sample = lastOf[index];
    series.at.push(index === count - 1 ? last.at : Math.round(first.at + width * (index + 1)));
    // An empty bucket carries the previous readings and handled nothing.
    const current = sample ?? previous;
    series.pending.push(current.pending);
    series.locked.push(current.locks.length);
    const rise = Math.max(0, current.handled - previous.handled);
    series.handledPerMinute.push(width > 0 ? rise / (width / 60_000) : 0);
    previous = current;
  }
  return series;
}
