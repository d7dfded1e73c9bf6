'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { afterStep, type CrawlerSettings, initialCrawler, nextMove } from '@/lib/lab/crawler';
import type { LabOp, LaneId } from '@/lib/lab/types';
import { pause } from '@/lib/pause';
import type { StepRun } from './use-lab-log';

export type CrawlerStatus = 'idle' | 'running' | 'crashed' | 'finished' | 'refused';

export const DEFAULT_CRAWLER: CrawlerSettings = {
  lockSecs: 5,
  batch: 3,
  processMs: 1200,
  failShare: 0.2,
  maxRetries: 2,
};

/**
 * The simulated crawlers: one loop per lane, in this page, driving the pure state machine of
 * lib/lab/crawler.ts through the lab's steps. Nothing runs on the server: when the page closes (or
 * the lab unmounts) every loop stops, and a crash is a loop that stops acting with its locks held.
 */
export function useCrawlers(
  runStep: (lane: LaneId, op: LabOp, signal?: AbortSignal) => Promise<StepRun>,
  serverNow: () => number,
) {
  const [statuses, setStatuses] = useState<Partial<Record<LaneId, CrawlerStatus>>>({});
  const loops = useRef(new Map<LaneId, AbortController>());

  const setStatus = useCallback((lane: LaneId, status: CrawlerStatus) => {
    setStatuses((current) => ({ ...current, [lane]: status }));
  }, []);

  const start = useCallback(
    (lane: LaneId, settings: CrawlerSettings) => {
      loops.current.get(lane)?.abort();
      const controller = new AbortController();
      loops.current.set(lane, controller);
      setStatus(lane, 'running');
      const { signal } = controller;
      void (async () => {
        let state = initialCrawler();
        while (!signal.aborted) {
          const move = nextMove(state, serverNow(), settings, Math.random);
          if (move.kind === 'finished') {
            setStatus(lane, 'finished');
            break;
          }
          if (move.kind === 'wait') {
            await pause(move.ms, signal);
            continue;
          }
          const run = await runStep(lane, move.op, signal);
          if (signal.aborted || 'stopped' in run) break;
          if ('refused' in run) {
            setStatus(lane, 'refused');
            break;
          }
          state = afterStep(state, move.op, run.entry, serverNow(), settings);
        }
        if (loops.current.get(lane) === controller) loops.current.delete(lane);
      })();
    },
    [runStep, serverNow, setStatus],
  );

  /** Stops the lane's crawler at once: no further call, its locks stay until they expire. */
  const crash = useCallback(
    (lane: LaneId) => {
      loops.current.get(lane)?.abort();
      loops.current.delete(lane);
      setStatus(lane, 'crashed');
    },
    [setStatus],
  );

  const crashAll = useCallback(() => {
    for (const controller of loops.current.values()) controller.abort();
    loops.current.clear();
  }, []);

  // Leaving the page stops every simulated client: no loop outlives the lab.
  useEffect(() => {
    const stopAll = () => crashAll();
    window.addEventListener('pagehide', stopAll);
    return () => {
      window.removeEventListener('pagehide', stopAll);
      stopAll();
    };
  }, [crashAll]);

  return { statuses, start, crash };
}
