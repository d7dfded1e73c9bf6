'use client';

import { serverTimeNow } from '@/components/locks/server-clock';
import { scanPageAction } from '@/lib/actions/inspect';
import { MAX_SCAN_ROWS, type RequestView, type ScanRow } from '@/lib/inspect/types';
import { createPacer } from '@/lib/pacing';
import { pause } from '@/lib/pause';
import type { ErrorCode } from '@/lib/types';

// Scans run in the browser, one page (10,000 requests) per server action, so every page is a bounded
// gateway call and cancelling stops the next one. Finished scans are kept per queue and view for a
// while, to come back to; a scan still running stops when the view that started it goes away.

export interface ScanState {
  status: 'running' | 'done' | 'cancelled' | 'failed';
  /** The matching rows, in the order read (at most MAX_SCAN_ROWS). */
  rows: readonly ScanRow[];
  /** Matching requests seen: more than `rows.length` when the scan matched more than it keeps. */
  matched: number;
  /** Requests read so far. */
  read: number;
  /** The requests the scan expects to read (the queue's count when it started). */
  expected: number;
  /** Server time (ms) when the scan started and ended. */
  startedAt: number;
  finishedAt: number | null;
  error: { code: ErrorCode; message: string } | null;
  /** Waiting after a 429 before the next page. */
  backingOff: boolean;
  /** The queue was changed from this page after the scan read it. */
  stale: boolean;
}

/** How long a finished scan is shown without scanning again. */
export const SCAN_TTL_MS = 5 * 60_000;
const PAGES_PER_SECOND = 10;

interface Entry {
  queueId: string;
  state: ScanState;
  stop: AbortController;
}

const entries = new Map<string, Entry>();
const listeners = new Set<() => void>();

export const scanKey = (queueId: string, view: RequestView) =>
  JSON.stringify([queueId, view.filter, view.urlContains ?? '']);

export function subscribeScans(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const scanState = (key: string): ScanState | null => entries.get(key)?.state ?? null;

function update(key: string, entry: Entry, change: Partial<ScanState>) {
  if (entries.get(key) !== entry) return;
  entry.state = { ...entry.state, ...change };
  for (const listener of listeners) listener();
}

/** Whether a kept scan can be shown as it is. */
export const isFresh = (state: ScanState | null, now: number) =>
  state !== null &&
  (state.status === 'running' || (state.status === 'done' && !state.stale && now - state.startedAt < SCAN_TTL_MS));

export function startScan(queueId: string, view: RequestView, expected: number) {
  const key = scanKey(queueId, view);
  entries.get(key)?.stop.abort();
  const entry: Entry = {
    queueId,
    stop: new AbortController(),
    state: {
      status: 'running',
      rows: [],
      matched: 0,
      read: 0,
      expected,
      startedAt: serverTimeNow(),
      finishedAt: null,
      error: null,
      backingOff: false,
      stale: false,
    },
  };
  entries.set(key, entry);
  for (const listener of listeners) listener();
  void runScan(key, entry, queueId, view);
}

/** Stops a running scan before its next page; what it read so far stays, marked cancelled. */
export function cancelScan(key: string) {
  const entry = entries.get(key);
  if (entry?.state.status !== 'running') return;
  entry.stop.abort();
  update(key, entry, { status: 'cancelled', finishedAt: serverTimeNow(), backingOff: false });
}

/** After a change to the queue: every scan of it may show what is no longer so. */
export function markScansStale(queueId: string) {
  for (const [key, entry] of entries) {
    if (entry.queueId === queueId) update(key, entry, { stale: true });
  }
}

async function runScan(key: string, entry: Entry, queueId: string, view: RequestView) {
  const signal = entry.stop.signal;
  const pacer = createPacer({ perSecond: PAGES_PER_SECOND, random: Math.random, now: Date.now });
  let cursor: string | undefined;
  while (!signal.aborted) {
    await pause(pacer.delay(), signal);
    if (signal.aborted) return;
    pacer.sent();
    const result = await scanPageAction({ queueId, view, ...(cursor ? { cursor } : {}) });
    if (signal.aborted) return;
    if (!result.ok) {
      if (result.error.code === 'rate-limited') {
        pacer.rateLimited();
        update(key, entry, { backingOff: true });
        continue;
      }
      update(key, entry, { status: 'failed', error: result.error, finishedAt: serverTimeNow(), backingOff: false });
      return;
    }
    pacer.succeeded();
    const { rows, read, nextCursor } = result.data;
    const { state } = entry;
    const room = MAX_SCAN_ROWS - state.rows.length;
    update(key, entry, {
      rows: room > 0 && rows.length > 0 ? [...state.rows, ...rows.slice(0, room)] : state.rows,
      matched: state.matched + rows.length,
      read: state.read + read,
      backingOff: false,
      ...(nextCursor ? {} : { status: 'done', finishedAt: serverTimeNow() }),
    });
    if (!nextCursor) return;
    cursor = nextCursor;
  }
}

if (typeof window !== 'undefined') {
  // Leaving the page stops every scan it runs: no loop outlives its page.
  window.addEventListener('pagehide', () => {
    for (const key of entries.keys()) cancelScan(key);
  });
}
