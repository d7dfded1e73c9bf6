// The browser's clock corrected by the server's: each answer carrying `serverNow` is a sample of
// (server − browser) minus that answer's travel time, so the largest recent sample is the closest.

const KEPT = 16;

/** Adds a sample (server time − browser time on receipt, ms), keeping the latest few. */
export const addOffsetSample = (samples: readonly number[], sample: number): number[] =>
  [...samples, sample].slice(-KEPT);

/** The offset to add to the browser's clock: the recent sample that travelled the least. */
export const offsetFrom = (samples: readonly number[]): number => (samples.length === 0 ? 0 : Math.max(...samples));
