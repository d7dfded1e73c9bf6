import { lostTheLock } from './refusals';
import type { LabOp, LabStepResult } from './types';

// A simulated Crawlee-like worker (RequestQueue v2 with locking), as a pure state machine: the runner
// asks for the next move, makes the step, and reports its result. It locks a batch when it holds
// nothing, takes the batch one request at a time, prolongs each lock on dequeueing it (a refused
// prolong means "lost the lock": the request is dropped), "processes" it for processMs while keeping
// its lock alive, then marks it handled or, by chance, fails it (a reclaim to the end).

export interface CrawlerSettings {
  lockSecs: number;
  /** How many requests one lock call asks for. */
  batch: number;
  processMs: number;
  /** The share of attempts that fail, 0..1. */
  failShare: number;
  maxRetries: number;
}

export type Move = { kind: 'step'; op: LabOp } | { kind: 'wait'; ms: number } | { kind: 'finished' };

interface Work {
  requestId: string;
  lockExpiresAt: number;
  /** When processing started (after the dequeue prolong). */
  startedAt: number;
  /** The attempt's end, pinned once a step for it was tried (a retried step repeats it). */
  verdict: 'handled' | 'fail' | null;
}

export interface CrawlerState {
  /** Locked requests waiting their turn. */
  batch: { requestId: string; lockExpiresAt: number }[];
  current: Work | null;
  /** The retry counts this crawler has seen (from the lock answers and its own reclaims). */
  retries: Record<string, number>;
  /** Lock calls in a row that returned nothing. */
  emptyLocks: number;
  /** No lock call before this time (after an empty one). */
  lockAfter: number;
  finished: boolean;
}

export function initialCrawler(): CrawlerState {
  return { batch: [], current: null, retries: {}, emptyLocks: 0, lockAfter: 0, finished: false };
}

/** Ms left on a lock below which the crawler prolongs it. */
const prolongMargin = (settings: CrawlerSettings) => Math.max(1000, (settings.lockSecs * 1000) / 3);

function finishMove(work: Work, state: CrawlerState, settings: CrawlerSettings, random: () => number): Move {
  const { requestId } = work;
  let verdict = work.verdict;
  if (verdict === null) {
    const fails = random() < settings.failShare;
    // Crawlee retries a failed request maxRequestRetries times; after the last failure it gives up
    // and marks the request handled (errors kept), so the queue does not hand it out again.
    verdict = fails && (state.retries[requestId] ?? 0) < settings.maxRetries ? 'fail' : 'handled';
  }
  if (verdict === 'handled') return { kind: 'step', op: { op: 'handled', requestId } };
  // The lock items carry no label, so the message names the request by its ID.
  const errorMessage = `Simulated failure: HTTP 503 on ${requestId}`;
  return { kind: 'step', op: { op: 'fail', requestId, errorMessage, forefront: false } };
}

export function nextMove(state: CrawlerState, nowMs: number, settings: CrawlerSettings, random: () => number): Move {
  if (state.finished) return { kind: 'finished' };
  const work = state.current;
  if (work) {
    const doneAt = work.startedAt + settings.processMs;
    if (nowMs >= doneAt) return finishMove(work, state, settings, random);
    const prolongAt = work.lockExpiresAt - prolongMargin(settings);
    if (work.lockExpiresAt < doneAt && nowMs >= prolongAt) {
      const op: LabOp = { op: 'prolong', requestId: work.requestId, lockSecs: settings.lockSecs, forefront: false };
      return { kind: 'step', op };
    }
    const until = work.lockExpiresAt < doneAt ? Math.min(doneAt, prolongAt) : doneAt;
    return { kind: 'wait', ms: Math.max(1, until - nowMs) };
  }
  const next = state.batch.find((item) => item.lockExpiresAt > nowMs);
  if (next) {
    const op: LabOp = { op: 'prolong', requestId: next.requestId, lockSecs: settings.lockSecs, forefront: false };
    return { kind: 'step', op };
  }
  if (nowMs < state.lockAfter) return { kind: 'wait', ms: state.lockAfter - nowMs };
  return { kind: 'step', op: { op: 'lock', lockSecs: settings.lockSecs, limit: settings.batch } };
}

export function afterStep(
  state: CrawlerState,
  op: LabOp,
  result: LabStepResult,
  nowMs: number,
  settings: CrawlerSettings,
): CrawlerState {
  const { outcome, error } = result;
  const batch = state.batch.filter((item) => item.lockExpiresAt > nowMs);
  const work = state.current;

  if (op.op === 'lock') {
    if (outcome?.op !== 'lock') return { ...state, batch };
    const items = outcome.items.map((item) => ({ requestId: item.id, lockExpiresAt: Date.parse(item.lockExpiresAt) }));
    if (items.length > 0) {
      const retries = { ...state.retries };
      for (const item of outcome.items) retries[item.id] = Math.max(retries[item.id] ?? 0, item.retryCount);
      return { ...state, batch: items, retries, emptyLocks: 0, lockAfter: 0 };
    }
    const emptyLocks = state.emptyLocks + 1;
    const done =
      outcome.queueHasLockedRequests === false || (outcome.queueHasLockedRequests === null && emptyLocks >= 2);
    const lockAfter = nowMs + Math.min((settings.lockSecs * 1000) / 4, 1000);
    return { ...state, batch: [], emptyLocks, lockAfter, finished: done };
  }
  if (op.op === 'read') return { ...state, batch };

  const lost = error !== null && lostTheLock(error);
  if (!work || work.requestId !== op.requestId) {
    // A dequeue: the first prolong of a batch request.
    if (op.op !== 'prolong') return { ...state, batch };
    const rest = batch.filter((item) => item.requestId !== op.requestId);
    if (outcome?.op === 'prolong') {
      const started: Work = {
        requestId: op.requestId,
        lockExpiresAt: Date.parse(outcome.lockExpiresAt),
        startedAt: nowMs,
        verdict: null,
      };
      return { ...state, batch: rest, current: started };
    }
    return { ...state, batch: lost ? rest : batch };
  }

  if (lost) return { ...state, batch, current: null };
  if (outcome?.op === 'prolong') {
    return { ...state, batch, current: { ...work, lockExpiresAt: Date.parse(outcome.lockExpiresAt) } };
  }
  if (outcome?.op === 'handled') return { ...state, batch, current: null };
  if (outcome?.op === 'fail') {
    return { ...state, batch, current: null, retries: { ...state.retries, [op.requestId]: outcome.retryCount } };
  }
  if (error && (op.op === 'handled' || op.op === 'fail'))
    return { ...state, batch, current: { ...work, verdict: op.op } };
  return { ...state, batch };
}
