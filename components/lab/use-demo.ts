'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { CrawlerSettings } from '@/lib/lab/crawler';
import type { Lease } from '@/lib/lab/leases';
import type { LabOp, LabView, LaneId } from '@/lib/lab/types';
import { pause } from '@/lib/pause';
import type { Demo, DemoMove, Which } from './demo-scripts';
import type { StepRun } from './use-lab-log';

/** What a demo acts through: the same steps and crawlers as the lanes' buttons, and the latest state. */
export interface DemoWorld {
  act: (lane: LaneId, op: LabOp) => Promise<StepRun>;
  startCrawler: (lane: LaneId, settings: CrawlerSettings) => void;
  crash: (lane: LaneId) => void;
  leases: () => Lease[];
  view: () => LabView | undefined;
  now: () => number;
}

const WAIT_LIMIT_MS = 90_000;
const POLL_MS = 200;

/** The requests a move acts on, in the order the lane got them. */
function pick(world: DemoWorld, lane: LaneId, which: Which): string[] {
  const now = world.now();
  const mine = world.leases().filter((lease) => lease.lane === lane);
  if (which === 'expired') return mine.filter((lease) => lease.end === 'expired').map((lease) => lease.requestId);
  const held = mine
    .filter((lease) => lease.end === 'open' && lease.expiresAt > now)
    .sort((a, b) => a.grantedAt - b.grantedAt)
    .map((lease) => lease.requestId);
  return which === 'first' ? held.slice(0, 1) : held;
}

async function waitUntil(done: () => boolean, signal: AbortSignal, what: string) {
  const until = Date.now() + WAIT_LIMIT_MS;
  while (!done()) {
    if (signal.aborted) throw new Error('stopped');
    if (Date.now() > until) throw new Error(`Gave up waiting ${what} after ${WAIT_LIMIT_MS / 1000} s.`);
    await pause(POLL_MS, signal);
  }
}

const drained = (view: LabView | undefined, now: number) =>
  view !== undefined &&
  view.pendingRequestCount === 0 &&
  view.requests.every((request) => !request.lockExpiresAt || Date.parse(request.lockExpiresAt) <= now);

async function play(move: DemoMove, world: DemoWorld, signal: AbortSignal): Promise<void> {
  if (signal.aborted) throw new Error('stopped');
  switch (move.act) {
    case 'lock':
      await world.act(move.lane, { op: 'lock', limit: move.limit, lockSecs: move.lockSecs });
      return;
    case 'read':
      await world.act(move.lane, { op: 'read', limit: 25 });
      return;
    case 'prolong':
      for (const requestId of pick(world, move.lane, move.which)) {
        await world.act(move.lane, { op: 'prolong', requestId, lockSecs: move.lockSecs, forefront: move.forefront });
      }
      return;
    case 'unlock':
      for (const requestId of pick(world, move.lane, move.which)) {
        await world.act(move.lane, { op: 'unlock', requestId, forefront: move.forefront });
      }
      return;
    case 'handle':
      for (const requestId of pick(world, move.lane, move.which)) {
        await world.act(move.lane, { op: 'handled', requestId });
      }
      return;
    case 'crawl':
      world.startCrawler(move.lane, move.settings);
      return;
    case 'crash':
      world.crash(move.lane);
      return;
    case 'together':
      await Promise.all(move.moves.map((inner) => play(inner, world, signal)));
      return;
    case 'wait-holding':
      await waitUntil(() => pick(world, move.lane, 'all').length >= move.count, signal, 'for the lock');
      return;
    case 'wait-expiry': {
      const until = Math.max(
        0,
        ...world
          .leases()
          .filter((lease) => lease.lane === move.lane && lease.end === 'open')
          .map((lease) => lease.expiresAt),
      );
      // A second past the expiry, so the view has read the request back in the queue.
      await waitUntil(() => world.now() > until + 1_000, signal, 'for the locks to expire');
      return;
    }
    case 'wait-takeover':
      await waitUntil(
        () => {
          const leases = world.leases();
          return leases.some(
            (lost) =>
              lost.lane === move.from &&
              lost.end === 'expired' &&
              leases.some(
                (taken) =>
                  taken.lane === move.to && taken.requestId === lost.requestId && taken.grantedAt >= lost.expiresAt,
              ),
          );
        },
        signal,
        'for the takeover',
      );
      return;
    case 'wait-drained':
      await waitUntil(() => drained(world.view(), world.now()), signal, 'for the queue to drain');
      return;
  }
}

/**
 * Plays a guided demo one step per Next. Back shows the previous caption again (the queue stays as it
 * is: the API has no undo); Next over a step already played only moves forward.
 */
/** Where a demo stands, and its Next and Back. */
export type DemoPlayer = ReturnType<typeof useDemo>;

export function useDemo(demo: Demo | null, world: DemoWorld) {
  const [index, setIndex] = useState(-1);
  const [played, setPlayed] = useState(-1);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const worldRef = useRef(world);
  worldRef.current = world;
  const stop = useRef(new AbortController());
  useEffect(() => {
    const controller = new AbortController();
    stop.current = controller;
    return () => controller.abort();
  }, []);

  const next = useCallback(async () => {
    if (!demo || running) return;
    const target = index + 1;
    if (target >= demo.steps.length) return;
    setIndex(target);
    if (target <= played) return;
    setRunning(true);
    setError(null);
    try {
      for (const move of demo.steps[target]?.moves ?? []) await play(move, worldRef.current, stop.current.signal);
      setPlayed(target);
    } catch (failure) {
      if (stop.current.signal.aborted) return;
      setError(failure instanceof Error ? failure.message : String(failure));
      // Next plays the step again.
      setIndex(target - 1);
    } finally {
      setRunning(false);
    }
  }, [demo, index, played, running]);

  const back = useCallback(() => setIndex((current) => Math.max(-1, current - 1)), []);

  return { index, played, running, error, next, back };
}
