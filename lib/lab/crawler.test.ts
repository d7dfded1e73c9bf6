import { describe, expect, it } from 'vitest';
import type { ActionError } from '../types';
import { afterStep, type CrawlerSettings, type CrawlerState, initialCrawler, nextMove } from './crawler';
import { at, iso, lockConflict, lockExpired, rateLimited } from './log.test-support';
import type { LabOp, LabOutcome, LabStepResult, LaneId } from './types';

// A tiny queue with the emulator's ordering rules: the key is ±time, a lock makes it ±expiry.
interface FakeRequest {
  id: string;
  orderNo: number | null;
  seq: number;
  lockedBy: LaneId | null;
  retryCount: number;
  handledTimes: number;
}

class FakeQueue {
  readonly requests: FakeRequest[];
  private seq = 0;

  constructor(count: number) {
    this.requests = Array.from({ length: count }, (_, i) => ({
      id: `r${i + 1}`,
      orderNo: at(0) + i,
      seq: i,
      lockedBy: null,
      retryCount: 0,
      handledTimes: 0,
    }));
  }

  private isLocked = (request: FakeRequest, now: number) =>
    request.orderNo !== null && (request.orderNo > now || request.orderNo < -now);

  private find(id: string): FakeRequest {
    const request = this.requests.find((entry) => entry.id === id);
    if (!request) throw new Error(id);
    return request;
  }

  private place(request: FakeRequest, forefront: boolean, now: number) {
    request.orderNo = forefront ? -now : now;
    request.seq = forefront ? -++this.seq : ++this.seq + 1000;
    request.lockedBy = null;
  }

  /** The step as the server would do it at `now`: an outcome, or a refusal. */
  apply(lane: LaneId, op: LabOp, now: number): LabOutcome | ActionError {
    if (op.op === 'lock') {
      const head = this.requests
        .filter((entry) => entry.orderNo !== null && !this.isLocked(entry, now))
        .sort((a, b) => (a.orderNo ?? 0) - (b.orderNo ?? 0) || a.seq - b.seq)
        .slice(0, op.limit);
      const expiresAt = now + op.lockSecs * 1000;
      for (const entry of head) {
        entry.orderNo = Math.sign(entry.orderNo ?? 1) * expiresAt;
        entry.lockedBy = lane;
      }
      const items = head.map((entry) => ({
        id: entry.id,
        lockExpiresAt: iso(expiresAt),
        retryCount: entry.retryCount,
      }));
      const queueHasLockedRequests = this.requests.some((entry) => this.isLocked(entry, now));
      return { op: 'lock', lockSecs: op.lockSecs, items, hadMultipleClients: true, queueHasLockedRequests };
    }
    if (op.op === 'read') return { op: 'read', ids: [], hadMultipleClients: true };
    const request = this.find(op.requestId);
    const locked = this.isLocked(request, now);
    if (locked && request.lockedBy !== lane) return lockConflict;
    if (op.op === 'handled') {
      request.handledTimes++;
      const wasAlreadyHandled = request.orderNo === null;
      request.orderNo = null;
      return { op: 'handled', requestId: op.requestId, wasAlreadyHandled };
    }
    if (!locked) {
      if (op.op === 'fail') {
        request.retryCount++;
        this.place(request, op.forefront, now);
      }
      return lockExpired;
    }
    if (op.op === 'prolong') {
      const expiresAt = now + op.lockSecs * 1000;
      request.orderNo = (op.forefront ? -1 : 1) * expiresAt;
      return { op: 'prolong', requestId: op.requestId, lockExpiresAt: iso(expiresAt), forefront: op.forefront };
    }
    if (op.op === 'fail') request.retryCount++;
    this.place(request, op.forefront, now);
    return op.op === 'fail'
      ? { op: 'fail', requestId: op.requestId, retryCount: request.retryCount, forefront: op.forefront }
      : { op: 'unlock', requestId: op.requestId, forefront: op.forefront };
  }
}

const result = (lane: LaneId, answer: LabOutcome | ActionError, now: number): LabStepResult => ({
  lane,
  outcome: 'op' in answer ? answer : null,
  error: 'op' in answer ? null : answer,
  calls: [],
  startedAt: iso(now),
  finishedAt: iso(now + 30),
});

/** Runs crawlers on lanes against the queue until all are finished; returns the ops each made. */
function run(queue: FakeQueue, lanes: LaneId[], settings: CrawlerSettings, random: () => number) {
  const crawlers = lanes.map((lane) => ({ lane, state: initialCrawler(), nextAt: at(0), ops: [] as LabOp[] }));
  for (let turn = 0; turn < 100_000; turn++) {
    const live = crawlers.filter((crawler) => !crawler.state.finished);
    const crawler = live.sort((a, b) => a.nextAt - b.nextAt)[0];
    if (!crawler) return crawlers;
    const now = crawler.nextAt;
    const move = nextMove(crawler.state, now, settings, random);
    if (move.kind === 'finished') throw new Error('a finished state must say so');
    if (move.kind === 'wait') {
      expect(move.ms).toBeGreaterThan(0);
      crawler.nextAt += move.ms;
      continue;
    }
    crawler.ops.push(move.op);
    const answer = queue.apply(crawler.lane, move.op, now + 10);
    crawler.state = afterStep(crawler.state, move.op, result(crawler.lane, answer, now), now + 30, settings);
    crawler.nextAt = now + 30;
  }
  throw new Error('the crawlers never finished');
}

/** A repeatable random sequence. */
function seeded(seed: number) {
  let value = seed;
  return () => {
    value = (value * 16_807) % 2_147_483_647;
    return (value - 1) / 2_147_483_646;
  };
}

const settings: CrawlerSettings = { lockSecs: 3, batch: 4, processMs: 500, failShare: 0, maxRetries: 2 };
const count = (ops: LabOp[], name: LabOp['op']) => ops.filter((op) => op.op === name).length;

describe('the simulated crawler', () => {
  it('three crawlers handle every request exactly once, and then finish', () => {
    const queue = new FakeQueue(30);
    const crawlers = run(queue, ['A', 'B', 'C'], { ...settings, failShare: 0.3 }, seeded(7));
    expect(queue.requests.map((request) => request.handledTimes)).toEqual(queue.requests.map(() => 1));
    expect(crawlers.every((crawler) => count(crawler.ops, 'handled') > 0)).toBe(true);
    expect(queue.requests.some((request) => request.retryCount > 0)).toBe(true);
  });

  it('prolongs on dequeue, and again while processing takes longer than the lock', () => {
    const short = run(new FakeQueue(4), ['A'], { ...settings, batch: 1 }, seeded(1))[0]?.ops ?? [];
    expect(count(short, 'prolong')).toBe(4);
    const queue = new FakeQueue(4);
    const long = run(queue, ['A'], { ...settings, batch: 1, processMs: 7000 }, seeded(1))[0]?.ops ?? [];
    expect(count(long, 'prolong')).toBeGreaterThanOrEqual(4 * 3);
    expect(queue.requests.map((request) => request.handledTimes)).toEqual([1, 1, 1, 1]);
  });

  it('reclaims a failing request up to maxRetries, then marks it handled', () => {
    const queue = new FakeQueue(3);
    const ops = run(queue, ['A'], { ...settings, failShare: 1, maxRetries: 2 }, seeded(3))[0]?.ops ?? [];
    expect(count(ops, 'fail')).toBe(6);
    expect(queue.requests.map((request) => [request.retryCount, request.handledTimes])).toEqual([
      [2, 1],
      [2, 1],
      [2, 1],
    ]);
    expect(ops.find((op) => op.op === 'fail')).toEqual({
      op: 'fail',
      requestId: 'r1',
      errorMessage: 'Simulated failure: HTTP 503 on r1',
      forefront: false,
    });
  });

  it('counts the retries other crawlers made (from the lock answers): never past maxRetries in all', () => {
    const queue = new FakeQueue(6);
    run(queue, ['A', 'B', 'C'], { ...settings, failShare: 1, maxRetries: 2 }, seeded(5));
    expect(queue.requests.map((request) => [request.retryCount, request.handledTimes])).toEqual(
      queue.requests.map(() => [2, 1]),
    );
  });

  it('drops batch requests whose locks expired before their turn', () => {
    const queue = new FakeQueue(4);
    const ops = run(queue, ['A'], { ...settings, lockSecs: 2, batch: 4, processMs: 1500 }, seeded(1))[0]?.ops ?? [];
    // Locked 4 for 2 s, processed 1.5 s each: later ones expire unprocessed and are locked again later.
    expect(count(ops, 'lock')).toBeGreaterThan(2);
    expect(queue.requests.map((request) => request.handledTimes)).toEqual([1, 1, 1, 1]);
  });
});

describe('nextMove and afterStep', () => {
  const lockOutcome = (ids: string[], queueHasLockedRequests: boolean | null): LabOutcome => ({
    op: 'lock',
    lockSecs: 3,
    items: ids.map((id) => ({ id, lockExpiresAt: iso(at(3)), retryCount: 0 })),
    hadMultipleClients: false,
    queueHasLockedRequests,
  });
  const step = (state: CrawlerState, second: number, answer: LabOutcome | ActionError) => {
    const move = nextMove(state, at(second), settings, () => 0.5);
    if (move.kind !== 'step') throw new Error(`expected a step, got ${move.kind}`);
    return afterStep(state, move.op, result('A', answer, at(second)), at(second), settings);
  };

  it('an empty lock: waits while others hold locks, finishes when none do (or nothing came twice)', () => {
    const waiting = step(initialCrawler(), 0, lockOutcome([], true));
    expect(nextMove(waiting, at(0), settings, Math.random)).toEqual({ kind: 'wait', ms: 750 });
    expect(nextMove(waiting, at(0.75), settings, Math.random).kind).toBe('step');
    expect(step(initialCrawler(), 0, lockOutcome([], false)).finished).toBe(true);
    const once = step(initialCrawler(), 0, lockOutcome([], null));
    expect(once.finished).toBe(false);
    expect(step(once, 1, lockOutcome([], null)).finished).toBe(true);
    expect(nextMove(step(once, 1, lockOutcome([], null)), at(2), settings, Math.random)).toEqual({ kind: 'finished' });
  });

  it('a refused step repeats; a lost lock drops the request', () => {
    const locked = step(initialCrawler(), 0, lockOutcome(['r1', 'r2'], true));
    const limited = step(locked, 0, rateLimited);
    expect(limited).toEqual(locked);
    const lost = step(locked, 0, lockConflict);
    expect(nextMove(lost, at(0), settings, Math.random)).toEqual({
      kind: 'step',
      op: { op: 'prolong', requestId: 'r2', lockSecs: 3, forefront: false },
    });
  });

  it('the fail-or-handled roll is pinned once its step was tried', () => {
    const crawler = step(initialCrawler(), 0, lockOutcome(['r1'], true));
    const working = step(crawler, 0, { op: 'prolong', requestId: 'r1', lockExpiresAt: iso(at(3)), forefront: false });
    const failing = { ...settings, failShare: 1 };
    const move = nextMove(working, at(1), failing, () => 0);
    expect(move.kind === 'step' && move.op.op).toBe('fail');
    if (move.kind !== 'step') return;
    const refused = afterStep(working, move.op, result('A', rateLimited, at(1)), at(1), failing);
    expect(nextMove(refused, at(2), { ...failing, failShare: 0 }, () => 0.99)).toEqual(move);
  });
});
