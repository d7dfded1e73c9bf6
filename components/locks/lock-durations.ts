'use client';

import { timeLeft } from '@/lib/locks/lock-book';

// How long each lock this tab took was taken for, so a reload can still draw its bar to scale.
// Kept in sessionStorage: lock IDs and durations only, nothing secret.
const key = (requestId: string, expiresAt: string) => `headlock:lock:${requestId}:${expiresAt}`;

export function rememberDuration(requestId: string, expiresAt: string, totalMs: number) {
  try {
    sessionStorage.setItem(key(requestId, expiresAt), String(totalMs));
  } catch {
    // Storage full or disabled: the bar falls back to the time left when first seen.
  }
}

function recallDuration(requestId: string, expiresAt: string): number | null {
  try {
    const stored = Number(sessionStorage.getItem(key(requestId, expiresAt)));
    return stored > 0 ? stored : null;
  } catch {
    return null;
  }
}

/** The full length of a lock for its bar: as taken in this tab, else what was left when first seen. */
export function lockTotalMs(requestId: string, expiresAt: string, seenAtMs: number): number {
  return recallDuration(requestId, expiresAt) ?? timeLeft(requestId, expiresAt, seenAtMs);
}
