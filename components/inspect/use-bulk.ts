'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { bulkRequestsAction } from '@/lib/actions/inspect';
import { type BulkOperation, type BulkOutcome, MAX_BULK_IDS } from '@/lib/inspect/types';
import { createPacer } from '@/lib/pacing';
import { pause } from '@/lib/pause';
import { queryKeys } from '@/lib/queries/keys';
import { markScansStale } from './scan-store';

export interface BulkOptions {
  forefront: boolean;
  resetRetries: boolean;
}

export interface BulkRun {
  operation: BulkOperation;
  total: number;
  outcomes: BulkOutcome[];
  status: 'running' | 'finished' | 'cancelled' | 'failed';
  /** Why the whole run stopped (status failed): e.g. the session turned read-only. */
  error: string | null;
  backingOff: boolean;
}

/** Calls a second at most, and how often one request is sent again before it is reported. */
const CALLS_PER_SECOND = 4;
const MAX_ATTEMPTS = 5;

/**
 * Runs a bulk action in chunks of MAX_BULK_IDS, one call at a time: progress after every chunk, cancel
 * between chunks, and requests refused with 429 sent again after the documented backoff. Leaving the
 * page (unmounting) stops it.
 */
export function useBulk(queueId: string) {
  const client = useQueryClient();
  const [run, setRun] = useState<BulkRun | null>(null);
  const stop = useRef<AbortController | null>(null);
  useEffect(() => () => stop.current?.abort(), []);

  const start = useCallback(
    async (operation: BulkOperation, requestIds: readonly string[], options: BulkOptions) => {
      stop.current?.abort();
      const controller = new AbortController();
      stop.current = controller;
      const pending = [...requestIds];
      const attempts = new Map<string, number>();
      const outcomes: BulkOutcome[] = [];
      const pacer = createPacer({ perSecond: CALLS_PER_SECOND, random: Math.random, now: Date.now });
      let current: BulkRun = {
        operation,
        total: pending.length,
        outcomes,
        status: 'running',
        error: null,
        backingOff: false,
      };
      const show = (change: Partial<BulkRun>) => {
        current = { ...current, ...change, outcomes: [...outcomes] };
        setRun(current);
      };
      show({});
      while (pending.length > 0 && !controller.signal.aborted) {
        await pause(pacer.delay(), controller.signal);
        if (controller.signal.aborted) break;
        const chunk = pending.splice(0, MAX_BULK_IDS);
        pacer.sent();
        const result = await bulkRequestsAction({ queueId, operation, requestIds: chunk, ...options });
        if (!result.ok) {
          if (result.error.code === 'rate-limited') {
            pacer.rateLimited();
            pending.unshift(...chunk);
            show({ backingOff: true });
            continue;
          }
          pending.unshift(...chunk);
          show({ status: 'failed', error: result.error.message, backingOff: false });
          break;
        }
        pacer.succeeded();
        let limited = false;
        for (const outcome of result.data.outcomes) {
          const tries = (attempts.get(outcome.requestId) ?? 0) + 1;
          attempts.set(outcome.requestId, tries);
          // Rate limited, or not started within the call's time budget: worth sending again.
          if ((outcome.code === 'rate-limited' || outcome.code === 'timeout') && tries < MAX_ATTEMPTS) {
            limited ||= outcome.code === 'rate-limited';
            pending.push(outcome.requestId);
          } else outcomes.push(outcome);
        }
        if (limited) pacer.rateLimited();
        show({ backingOff: limited });
      }
      if (current.status === 'running') {
        show({ status: controller.signal.aborted ? 'cancelled' : 'finished', backingOff: false });
      }
      if (outcomes.some((outcome) => outcome.status === 'done')) {
        markScansStale(queueId);
        await client.invalidateQueries({ queryKey: queryKeys.queue(queueId) });
      }
      return current;
    },
    [client, queueId],
  );

  const cancel = useCallback(() => {
    stop.current?.abort();
  }, []);
  const clear = useCallback(() => setRun(null), []);
  return { run, start, cancel, clear };
}
