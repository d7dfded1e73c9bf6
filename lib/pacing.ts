// Pacing for a loop of calls (a lab lane, a scan, a bulk action): at most `perSecond` calls a second, evenly spaced, and after
// a 429 the documented backoff: wait random(D…2D), D starting at 500 ms and doubling with every
// further 429 in a row (up to 16 s), back to the plain pace after a success.

const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 16_000;

export interface PacerOptions {
  perSecond: number;
  /** A number in [0, 1). */
  random: () => number;
  /** The current time in ms. */
  now: () => number;
}

export interface Pacer {
  /** How long to wait before the next call, in ms (0: go now). */
  delay(): number;
  /** A call was sent now. */
  sent(): void;
  /** The latest call was refused with 429. */
  rateLimited(): void;
  /** The latest call got through. */
  succeeded(): void;
}

export function createPacer({ perSecond, random, now }: PacerOptions): Pacer {
  const spacingMs = 1000 / perSecond;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let refusalsInARow = 0;
  let backoffUntil = Number.NEGATIVE_INFINITY;
  return {
    delay: () => Math.max(0, lastSentAt + spacingMs - now(), backoffUntil - now()),
    sent: () => {
      lastSentAt = now();
    },
    rateLimited: () => {
      const base = Math.min(FIRST_BACKOFF_MS * 2 ** refusalsInARow, MAX_BACKOFF_MS);
      refusalsInARow++;
      backoffUntil = now() + base + random() * base;
    },
    succeeded: () => {
      refusalsInARow = 0;
      backoffUntil = Number.NEGATIVE_INFINITY;
    },
  };
}
