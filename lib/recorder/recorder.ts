import 'server-only';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { DashboardDb } from '../dashboard-db';
import type { Sample } from '../ops/history';

/** Whose history: a target and an account on it (two accounts never share one), and one queue. */
export interface RecorderScope {
  target: string;
  account: string;
  queueId: string;
}

export interface RecorderLimits {
  /** Samples older than this are pruned. */
  maxAgeMs: number;
  /** At most this many samples are kept per queue (of one account). */
  maxSamples: number;
  /** A sample closer than this to the queue's last one is not recorded (several tabs watching). */
  minIntervalMs: number;
}

export const DEFAULT_LIMITS: RecorderLimits = { maxAgeMs: 24 * 60 * 60 * 1000, maxSamples: 50_000, minIntervalMs: 900 };

export interface Recorder {
  /** Records a sample; returns false when it was too close to the last one to keep. */
  record(scope: RecorderScope, sample: Sample): boolean;
  /**
   * The samples since `since` (server ms), oldest first, at most the latest `limit`. The read is kept
   * parsed for the next read of the queue unless `glance` (a one-off look, as the queue list's).
   */
  history(scope: RecorderScope, options: { since: number; limit: number; glance?: boolean }): Sample[];
  /** Deletes samples past the age limit in every queue; returns how many. */
  prune(): number;
}

// A sample's detail is stored as its JSON deflated (a third of the size: 100 locks take ~3 kB), or as
// NULL when it is the same as the queue's previous sample's (an idle queue then costs a row of numbers
// per poll). Reading carries the detail forward.
type Detail = Omit<Sample, 'at'>;
interface Listed {
  id: number;
  at: number;
  full: 0 | 1;
}
interface Cut {
  id: number;
  at: number;
}

/** A sample's key in memory: the scope, whose parts cannot contain a newline. */
const keyOf = (scope: RecorderScope) => `${scope.target}\n${scope.account}\n${scope.queueId}`;
const scopeText = (scope: RecorderScope) => `${scope.target}\n${scope.account}`;

const unpack = (stored: Buffer | undefined) =>
  stored ? (JSON.parse(inflateRawSync(stored).toString()) as Detail) : undefined;

/** How many queues' last-read details stay parsed in memory (the queues being watched). */
const PARSED_QUEUES = 8;
/** Count pruning runs once every this many samples per queue, keeping room for as many more. */
const COUNT_PRUNE_EVERY = 100;
/**
 * Age pruning (every queue at once) runs on a write at most this often, not on each: reads never reach
 * past the age limit, so what outlives it by up to an hour is only disk, and the count bounds that.
 */
const AGE_PRUNE_EVERY_MS = 60 * 60 * 1000;

/** The recorder on the dashboard's database (the table is created by its migrations). */
export function createRecorder(
  db: DashboardDb,
  { now = Date.now, limits = DEFAULT_LIMITS }: { now?: () => number; limits?: RecorderLimits } = {},
): Recorder {
  const insert = db.prepare<{
    scope: string;
    queue: string;
    at: number;
    pending: number;
    locked: number;
    detail: Buffer | null;
  }>(
    `INSERT INTO queue_samples (scope, queue_id, at, pending, locked, detail)
     VALUES (@scope, @queue, @at, @pending, @locked, @detail)`,
  );
  const lastAt = db
    .prepare<{ scope: string; queue: string }, number>(
      'SELECT at FROM queue_samples WHERE scope = @scope AND queue_id = @queue ORDER BY at DESC, id DESC LIMIT 1',
    )
    .pluck();
  // Pruning cuts a queue's history before its first kept row; a repeat there first takes the detail
  // it repeats, so what is kept can always be read back.
  const firstKeptAfter = db.prepare<{ scope: string; queue: string; before: number }, Cut>(
    'SELECT id, at FROM queue_samples WHERE scope = @scope AND queue_id = @queue AND at >= @before ORDER BY at, id LIMIT 1',
  );
  const firstKeptOfLatest = db.prepare<{ scope: string; queue: string; keep: number }, Cut>(
    `SELECT id, at FROM queue_samples WHERE scope = @scope AND queue_id = @queue
     ORDER BY at DESC, id DESC LIMIT 1 OFFSET @keep - 1`,
  );
  const hasOlder = db
    .prepare<{ scope: string; queue: string; at: number; id: number }, number>(
      `SELECT 1 FROM queue_samples WHERE scope = @scope AND queue_id = @queue
     AND (at < @at OR (at = @at AND id < @id)) LIMIT 1`,
    )
    .pluck();
  const fillRepeat = db.prepare<{ scope: string; queue: string; at: number; id: number }>(
    `UPDATE queue_samples SET detail = (
       SELECT detail FROM queue_samples WHERE scope = @scope AND queue_id = @queue AND detail IS NOT NULL
       AND (at < @at OR (at = @at AND id < @id)) ORDER BY at DESC, id DESC LIMIT 1)
     WHERE id = @id AND detail IS NULL`,
  );
  const deleteBefore = db.prepare<{ scope: string; queue: string; at: number; id: number }>(
    `DELETE FROM queue_samples WHERE scope = @scope AND queue_id = @queue
     AND (at < @at OR (at = @at AND id < @id))`,
  );
  const queuesWithOlder = db.prepare<{ before: number }, { scope: string; queue: string }>(
    'SELECT DISTINCT scope, queue_id AS queue FROM queue_samples WHERE at < @before',
  );
  const deleteQueueOlder = db.prepare<{ scope: string; queue: string; before: number }>(
    'DELETE FROM queue_samples WHERE scope = @scope AND queue_id = @queue AND at < @before',
  );
  const recent = db.prepare<{ scope: string; queue: string; since: number; limit: number }, Listed>(
    `SELECT id, at, detail IS NOT NULL AS full FROM queue_samples
     WHERE scope = @scope AND queue_id = @queue AND at >= @since ORDER BY at DESC, id DESC LIMIT @limit`,
  );
  const detailOf = db.prepare<[number], Buffer>('SELECT detail FROM queue_samples WHERE id = ?').pluck();
  const fullBefore = db.prepare<{ scope: string; queue: string; at: number; id: number }, { id: number }>(
    `SELECT id FROM queue_samples WHERE scope = @scope AND queue_id = @queue AND detail IS NOT NULL
     AND (at < @at OR (at = @at AND id < @id)) ORDER BY at DESC, id DESC LIMIT 1`,
  );
  // The details of the last read of a few queues, parsed: the cockpit reads the same window every poll,
  // and then parses only the samples recorded since. A row's detail never changes once written.
  const parsedByQueue = new Map<string, Map<number, Detail>>();

  // Per queue: the last detail written (to store repeats as NULL) and samples since the last count prune.
  const lastDetail = new Map<string, string>();
  const sinceCountPrune = new Map<string, number>();
  let lastFullPrune = 0;

  /** Deletes a queue's samples before `cut` (the first one kept). */
  const cutBefore = (params: { scope: string; queue: string }, cut: Cut | undefined) => {
    if (!cut || hasOlder.get({ ...params, ...cut }) === undefined) return 0;
    fillRepeat.run({ ...params, ...cut });
    return deleteBefore.run({ ...params, ...cut }).changes;
  };
  const prune = db.transaction(() => {
    const before = now() - limits.maxAgeMs;
    let pruned = 0;
    for (const params of queuesWithOlder.all({ before })) {
      const cut = firstKeptAfter.get({ ...params, before });
      pruned += cut ? cutBefore(params, cut) : deleteQueueOlder.run({ ...params, before }).changes;
    }
    return pruned;
  });

  const record = db.transaction((scope: RecorderScope, sample: Sample): boolean => {
    const key = keyOf(scope);
    const params = { scope: scopeText(scope), queue: scope.queueId };
    const previous = lastAt.get(params);
    if (previous !== undefined && sample.at - previous < limits.minIntervalMs) return false;
    const { at, ...rest } = sample;
    const detail = JSON.stringify(rest satisfies Detail);
    // After a restart the memory is empty: the first sample is written in full.
    const same = previous !== undefined && lastDetail.get(key) === detail;
    insert.run({
      ...params,
      at,
      pending: sample.pending,
      locked: sample.locks.length,
      detail: same ? null : deflateRawSync(detail),
    });
    lastDetail.set(key, detail);
    if (lastDetail.size > 1000) lastDetail.delete(lastDetail.keys().next().value as string);
    const count = (sinceCountPrune.get(key) ?? 0) + 1;
    if (count >= COUNT_PRUNE_EVERY || !sinceCountPrune.has(key)) {
      const keep = Math.max(1, limits.maxSamples - COUNT_PRUNE_EVERY);
      cutBefore(params, firstKeptOfLatest.get({ ...params, keep }));
      sinceCountPrune.set(key, 0);
    } else {
      sinceCountPrune.set(key, count);
    }
    return true;
  });

  return {
    record(scope, sample) {
      const kept = record.immediate(scope, sample);
      if (now() - lastFullPrune > AGE_PRUNE_EVERY_MS) {
        lastFullPrune = now();
        prune.immediate();
      }
      return kept;
    },
    history(scope, { since, limit, glance = false }) {
      const key = keyOf(scope);
      const params = { scope: scopeText(scope), queue: scope.queueId };
      const known = parsedByQueue.get(key);
      const parsed = new Map<number, Detail>();
      const detail = (id: number) => {
        const value = known?.get(id) ?? unpack(detailOf.get(id));
        if (value) parsed.set(id, value);
        return value;
      };
      const rows = recent.all({ ...params, since, limit }).reverse();
      const first = rows[0];
      const base = first && !first.full ? fullBefore.get({ ...params, at: first.at, id: first.id }) : undefined;
      let carried = base ? detail(base.id) : undefined;
      const samples: Sample[] = [];
      for (const row of rows) {
        if (row.full) carried = detail(row.id);
        // A repeat whose full sample was pruned cannot be read back: it is skipped.
        if (carried) samples.push({ at: row.at, ...carried });
      }
      // A glance, or a queue with nothing recorded, must not push a watched queue's read out.
      if (!glance && parsed.size > 0) {
        parsedByQueue.delete(key);
        parsedByQueue.set(key, parsed);
        if (parsedByQueue.size > PARSED_QUEUES) parsedByQueue.delete(parsedByQueue.keys().next().value as string);
      }
      return samples;
    },
    prune: () => prune.immediate(),
  };
}
