/** Latency samples in milliseconds, summarised the same way by every part of the bench. */
export interface Summary {
  calls: number;
  /** Calls per second over the whole run (wall clock, all clients together). */
  perSec: number;
  p50: number;
  p95: number;
  p99: number;
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest rank: the smallest sample with at least p% of the samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export function summarise(samples: number[], wallMs: number): Summary {
  return {
    calls: samples.length,
    perSec: samples.length / (wallMs / 1000),
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
  };
}

export const median = (values: number[]) => percentile(values, 50);

/** Times `count` sequential calls of `fn`. */
export async function timeSequential(count: number, fn: (i: number) => unknown): Promise<Summary> {
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return summarise(samples, performance.now() - started);
}

/** Times `count` synchronous calls of `fn` (no event-loop turn between them, as a crawler in-process would). */
export function timeSync(count: number, fn: (i: number) => unknown): Summary {
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const t0 = performance.now();
    fn(i);
    samples.push(performance.now() - t0);
  }
  return summarise(samples, performance.now() - started);
}
