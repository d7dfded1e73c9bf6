'use client';

import { useSyncExternalStore } from 'react';
import { addOffsetSample, offsetFrom } from '@/lib/clock-offset';

// One ticker for every countdown on the page, and one offset between the browser's clock and the
// server's, so a browser clock that is hours off still counts down right.
let samples: number[] = [];
let offsetMs = 0;
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();
const TICK_MS = 250;

/** Takes the server's clock from any action result that carries `serverNow`. */
export function syncServerClockFrom(data: unknown) {
  const serverNow = typeof data === 'object' && data !== null && 'serverNow' in data ? data.serverNow : undefined;
  if (typeof serverNow !== 'string') return;
  const server = Date.parse(serverNow);
  if (Number.isNaN(server)) return;
  samples = addOffsetSample(samples, server - Date.now());
  offsetMs = offsetFrom(samples);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(() => {
      now = Date.now() + offsetMs;
      for (const notify of listeners) notify();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The server's time at this instant, for code that runs between ticks (the lab's simulated crawlers). */
export const serverTimeNow = () => Date.now() + offsetMs;

/** The server's time now, re-rendering the caller on the shared tick. */
export function useServerNow(): number {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => now,
  );
}
