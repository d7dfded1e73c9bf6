'use client';

import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { serverTimeNow } from '@/components/locks/server-clock';
import type { RequestView } from '@/lib/inspect/types';
import { cancelScan, isFresh, scanKey, scanState, startScan, subscribeScans } from './scan-store';

/**
 * The scan of `view`: a fresh kept one, or a new one started on mount. A scan still running when the
 * view goes away is cancelled; a finished one stays kept for SCAN_TTL_MS.
 */
export function useScan(queueId: string, view: RequestView, expected: number) {
  const key = scanKey(queueId, view);
  const state = useSyncExternalStore(
    subscribeScans,
    () => scanState(key),
    () => null,
  );
  // `expected` is read when a scan starts; it is not a reason to start another.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    if (!isFresh(scanState(key), serverTimeNow())) startScan(queueId, view, expected);
    return () => cancelScan(key);
  }, [key]);
  const rescan = useCallback(() => startScan(queueId, view, expected), [queueId, view, expected]);
  const cancel = useCallback(() => cancelScan(key), [key]);
  return { state, rescan, cancel };
}
