'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { runLabStepAction } from '@/lib/actions/lab';
import { type Caption, stepCaptions, viewCaptions } from '@/lib/lab/captions';
import { leasesOf } from '@/lib/lab/leases';
import { frontRequests } from '@/lib/lab/placement';
import type { LabLogEntry, LabOp, LabQueue, LabView, LaneId } from '@/lib/lab/types';
import { createPacer, type Pacer } from '@/lib/pacing';
import { pause } from '@/lib/pause';
import { queryKeys } from '@/lib/queries/keys';
import type { ActionError } from '@/lib/types';

/** Calls per second one lane may make: four lanes stay under head/lock's 40 per second per queue. */
const CALLS_PER_SECOND_PER_LANE = 8;
/** The captions the lab keeps (newest last). */
const CAPTIONS_KEPT = 200;

/**
 * What one step gave: its log entry; the reason no call was made (bad input, read-only, …); or that
 * its caller stopped (a crash) while it waited its turn, so it made no call.
 */
export type StepRun = { entry: LabLogEntry } | { refused: ActionError } | { stopped: true };

/**
 * The lab's memory in the browser: every step any lane made, in start order, and the captions that
 * explain them and what the polled view shows. Steps go through a pacer per lane, which also backs
 * off after a 429.
 */
export function useLabLog(lab: LabQueue, view: LabView | undefined) {
  const client = useQueryClient();
  const [log, setLog] = useState<LabLogEntry[]>([]);
  const [captions, setCaptions] = useState<Caption[]>([]);
  const seq = useRef(0);
  const pacers = useRef(new Map<LaneId, Pacer>());
  const logRef = useRef(log);
  logRef.current = log;

  const labels = useMemo(() => new Map(view?.requests.map((request) => [request.id, request.label]) ?? []), [view]);
  const labelsRef = useRef(labels);
  labelsRef.current = labels;

  const addCaptions = useCallback((added: Caption[]) => {
    if (added.length > 0) setCaptions((current) => [...current, ...added].slice(-CAPTIONS_KEPT));
  }, []);

  // Pacing needs only intervals: the browser's own clock, to the millisecond.
  const pacerOf = useCallback((lane: LaneId) => {
    let pacer = pacers.current.get(lane);
    if (!pacer) {
      pacer = createPacer({ perSecond: CALLS_PER_SECOND_PER_LANE, random: Math.random, now: Date.now });
      pacers.current.set(lane, pacer);
    }
    return pacer;
  }, []);

  // A step's caption waits for the first view read after it, which tells where its requests went.
  const uncaptioned = useRef<LabLogEntry[]>([]);
  const flagsBefore = useRef(new Map<number, boolean | undefined>());
  const viewRef = useRef(view);
  viewRef.current = view;

  const runStep = useCallback(
    async (lane: LaneId, op: LabOp, signal?: AbortSignal): Promise<StepRun> => {
      const pacer = pacerOf(lane);
      const wait = pacer.delay();
      if (wait > 0) await pause(wait, signal);
      if (signal?.aborted) return { stopped: true };
      pacer.sent();
      seq.current += 1;
      const mySeq = seq.current;
      const flagBefore = viewRef.current?.hadMultipleClients;
      const result = await runLabStepAction({ queueId: lab.queueId, lane, ...op });
      if (!result.ok) return { refused: result.error };
      const entry: LabLogEntry = { ...result.data, seq: mySeq, op };
      if (entry.error?.code === 'rate-limited') pacer.rateLimited();
      else pacer.succeeded();
      flagsBefore.current.set(mySeq, flagBefore);
      uncaptioned.current.push(entry);
      setLog((current) => [...current, entry].sort((a, b) => a.seq - b.seq));
      void client.invalidateQueries({ queryKey: queryKeys.labView(lab.queueId) });
      return { entry };
    },
    [lab.queueId, pacerOf, client],
  );

  // Each new view: the captions of the steps it follows, then what changed that no step explains.
  const previousView = useRef<LabView | undefined>(undefined);
  useEffect(() => {
    const previous = previousView.current;
    previousView.current = view;
    if (!view || previous?.serverNow === view.serverNow) return;
    const entries = logRef.current;
    const leases = leasesOf(entries, Date.parse(view.serverNow), lab.seededForefront);
    const readAt = Date.parse(view.serverNow);
    const ready = uncaptioned.current.filter((entry) => Date.parse(entry.finishedAt) <= readAt);
    uncaptioned.current = uncaptioned.current.filter((entry) => !ready.includes(entry));
    const stepped = ready
      .sort((a, b) => a.seq - b.seq)
      .flatMap((entry) =>
        stepCaptions(entry, labelsRef.current, {
          leases,
          hadMultipleClientsBefore: flagsBefore.current.get(entry.seq),
          next: view,
        }),
      );
    for (const entry of ready) flagsBefore.current.delete(entry.seq);
    const changed = previous
      ? viewCaptions(previous, view, {
          leases,
          front: frontRequests(lab.seededForefront, entries),
          lanes: lab.lanes,
          log: entries,
        })
      : [];
    addCaptions([...stepped, ...changed]);
  }, [view, lab, addCaptions]);

  return { log, captions, labels, runStep };
}
