import { type History, OBSERVATION_GAP_MS } from './history';

// The recorder samples only while someone has the queue page open, so a history has holes. A hole
// longer than OBSERVATION_GAP_MS breaks the observation: what is judged "for at least N s" is judged
// over the latest unbroken run of samples only.

/** Index of the first sample of the latest unbroken run (0 for an empty history). */
export function latestRunStart(history: History): number {
  let start = history.length - 1;
  while (start > 0 && (history[start]?.at ?? 0) - (history[start - 1]?.at ?? 0) <= OBSERVATION_GAP_MS) start--;
  return Math.max(start, 0);
}

/** How long the latest unbroken run covers (ms); 0 for an empty history or a single sample. */
export function observedForMs(history: History): number {
  const latest = history.at(-1);
  const first = history[latestRunStart(history)];
  return latest && first ? latest.at - first.at : 0;
}
