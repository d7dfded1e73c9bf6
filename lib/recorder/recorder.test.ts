import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DashboardDb, openDashboardDb } from '../dashboard-db';
import type { Sample } from '../ops/history';
import { createRecorder, DEFAULT_LIMITS, type RecorderLimits, type RecorderScope } from './recorder';

let dir: string;
let db: DashboardDb;
let clock: number;
const file = () => join(dir, 'headlock.sqlite');
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'headlock-recorder-'));
  db = openDashboardDb(file());
  clock = Date.parse('2026-11-27T10:00:00Z');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const scope: RecorderScope = { target: 'local', account: 'alice', queueId: 'q1' };
const recorderOn = (on: DashboardDb, limits: Partial<RecorderLimits> = {}) =>
  createRecorder(on, { now: () => clock, limits: { ...DEFAULT_LIMITS, ...limits } });

/** A sample at the clock, advancing it by `step` ms first. */
function sampleAt(at: number, change: Partial<Sample> = {}): Sample {
  return {
    at,
    total: 10,
    handled: 2,
    pending: 8,
    locks: [{ id: 'r1', holder: 'crawler-a', expiresAt: at + 60_000 }],
    locksTruncated: false,
    head: ['r2', 'r3'],
    headCount: 2,
    headComplete: true,
    hadMultipleClients: false,
    queueModifiedAt: at - 1000,
    retried: [],
    ...change,
  };
}
const everything = { since: 0, limit: 100_000 };
const rowCount = (on: DashboardDb) => on.prepare('SELECT count(*) FROM queue_samples').pluck().get();

describe('createRecorder', () => {
  it('gives back what it recorded, oldest first', () => {
    const recorder = recorderOn(db);
    const samples = [0, 1, 2].map((i) => sampleAt(clock + i * 2000, { handled: 2 + i }));
    for (const sample of samples) expect(recorder.record(scope, sample)).toBe(true);
    expect(recorder.history(scope, everything)).toEqual(samples);
  });

  it('stores a repeat of the previous sample as a row of numbers, and reads it back in full', () => {
    const recorder = recorderOn(db);
    const first = sampleAt(clock);
    const second = { ...first, at: clock + 2000 };
    const third = sampleAt(clock + 4000, { handled: 3 });
    for (const sample of [first, second, third]) recorder.record(scope, sample);
    const details = db.prepare('SELECT detail FROM queue_samples ORDER BY at').pluck().all();
    expect(details.map((detail) => detail === null)).toEqual([false, true, false]);
    expect(recorder.history(scope, everything)).toEqual([first, second, third]);
    // Read from the repeat on, the detail comes from the sample before the range.
    expect(recorder.history(scope, { since: clock + 1000, limit: 10 })).toEqual([second, third]);
  });

  it('reads new samples on every read, though it keeps the last read parsed', () => {
    const recorder = recorderOn(db, { minIntervalMs: 0 });
    const first = sampleAt(clock);
    recorder.record(scope, first);
    expect(recorder.history(scope, everything)).toEqual([first]);
    const repeat = { ...first, at: clock + 1000 };
    const changed = sampleAt(clock + 2000, { handled: 9 });
    recorder.record(scope, repeat);
    recorder.record(scope, changed);
    expect(recorder.history(scope, everything)).toEqual([first, repeat, changed]);
    expect(recorder.history(scope, { since: clock + 500, limit: 10 })).toEqual([repeat, changed]);
    // A glance reads the same, without keeping its read.
    expect(recorder.history(scope, { ...everything, glance: true })).toEqual([first, repeat, changed]);
    // Another account's read of the same queue ID never comes from this one's.
    expect(recorder.history({ ...scope, account: 'bob' }, everything)).toEqual([]);
  });

  it("keeps a watched queue's last read parsed, and glances at other queues do not push it out", () => {
    const recorder = recorderOn(db, { minIntervalMs: 0 });
    const first = sampleAt(clock);
    const second = sampleAt(clock + 1000, { handled: 9 });
    recorder.record(scope, first);
    recorder.record(scope, second);
    recorder.history(scope, everything);
    for (let i = 0; i < 10; i += 1) {
      const other = { ...scope, queueId: `glanced-${i}` };
      recorder.record(other, first);
      recorder.history(other, { ...everything, glance: true });
    }
    // A row's detail never changes once written; overwritten here, it shows which reads parse it again.
    const [row1, row2] = db
      .prepare<[string], { id: number; detail: Buffer }>(
        'SELECT id, detail FROM queue_samples WHERE queue_id = ? ORDER BY at',
      )
      .all(scope.queueId);
    db.prepare('UPDATE queue_samples SET detail = ? WHERE id = ?').run(row2?.detail, row1?.id);
    expect(recorder.history(scope, everything)).toEqual([first, second]);
    expect(recorderOn(db).history(scope, everything)).toEqual([{ ...second, at: first.at }, second]);
  });

  it('keeps one sample per interval when several pages watch the same queue', () => {
    const recorder = recorderOn(db, { minIntervalMs: 900 });
    expect(recorder.record(scope, sampleAt(clock))).toBe(true);
    expect(recorder.record(scope, sampleAt(clock + 500))).toBe(false);
    expect(recorder.record(scope, sampleAt(clock + 900))).toBe(true);
    expect(recorder.history(scope, everything).map((sample) => sample.at)).toEqual([clock, clock + 900]);
  });

  it('never shows one account or target the history of another', () => {
    const recorder = recorderOn(db);
    const others: RecorderScope[] = [
      { ...scope, account: 'bob' },
      { ...scope, target: 'apify' },
      { ...scope, queueId: 'q2' },
    ];
    recorder.record(scope, sampleAt(clock, { pending: 1 }));
    for (const [i, other] of others.entries()) recorder.record(other, sampleAt(clock, { pending: 100 + i }));
    expect(recorder.history(scope, everything).map((sample) => sample.pending)).toEqual([1]);
    for (const [i, other] of others.entries()) {
      expect(recorder.history(other, everything).map((sample) => sample.pending)).toEqual([100 + i]);
    }
  });

  it('survives a restart: the history is read back from the file, and new samples follow it', () => {
    const before = recorderOn(db);
    const first = sampleAt(clock);
    before.record(scope, first);
    before.record(scope, { ...first, at: clock + 2000 });
    db.close();
    db = openDashboardDb(file());
    const after = recorderOn(db);
    const third = { ...first, at: clock + 4000 };
    after.record(scope, third);
    expect(after.history(scope, everything)).toEqual([first, { ...first, at: clock + 2000 }, third]);
    // Its memory of the last detail went with the process: the first sample after it is written in full.
    expect(db.prepare('SELECT detail IS NULL FROM queue_samples ORDER BY at').pluck().all()).toEqual([0, 1, 0]);
  });

  it('prunes samples older than the age limit; a repeat that stays takes the detail it repeated', () => {
    const recorder = recorderOn(db, { maxAgeMs: 10_000 });
    const base = sampleAt(clock);
    recorder.record(scope, base);
    recorder.record(scope, { ...base, at: clock + 5000 });
    clock += 12_000;
    recorder.record(scope, { ...base, at: clock });
    expect(recorder.prune()).toBe(1);
    expect(rowCount(db)).toBe(2);
    expect(recorder.history(scope, everything)).toEqual([
      { ...base, at: clock - 7000 },
      { ...base, at: clock },
    ]);
    expect(db.prepare('SELECT detail IS NULL FROM queue_samples ORDER BY at').pluck().all()).toEqual([0, 1]);
  });

  it('prunes by age on a write once an hour, not on every write', () => {
    const recorder = recorderOn(db, { maxAgeMs: 10_000 });
    recorder.record(scope, sampleAt(clock));
    clock += 20_000;
    recorder.record(scope, sampleAt(clock));
    expect(rowCount(db)).toBe(2);
    clock += 60 * 60 * 1000;
    recorder.record(scope, sampleAt(clock));
    expect(recorder.history(scope, everything)).toEqual([sampleAt(clock)]);
    expect(rowCount(db)).toBe(1);
  });

  it('keeps at most maxSamples per queue', () => {
    const recorder = recorderOn(db, { maxSamples: 250, minIntervalMs: 0 });
    for (let i = 0; i < 1000; i += 1) {
      recorder.record(scope, sampleAt(clock + i * 1000, { handled: i }));
      expect(rowCount(db)).toBeLessThanOrEqual(250);
    }
    const kept = recorder.history(scope, everything);
    expect(kept.at(-1)?.handled).toBe(999);
    expect(kept.length).toBeGreaterThan(150);
    // The latest are the ones kept, in order and without a hole.
    expect(kept.map((sample) => sample.handled)).toEqual(kept.map((_, i) => 1000 - kept.length + i));
  });

  it('reads a bounded window: since a time, at most the latest `limit`', () => {
    const recorder = recorderOn(db, { minIntervalMs: 0 });
    for (let i = 0; i < 10; i += 1) recorder.record(scope, sampleAt(clock + i * 1000, { handled: i }));
    expect(recorder.history(scope, { since: clock + 5000, limit: 100 }).map((s) => s.handled)).toEqual([5, 6, 7, 8, 9]);
    expect(recorder.history(scope, { since: 0, limit: 3 }).map((s) => s.handled)).toEqual([7, 8, 9]);
  });

  it('prunes every queue past the age limit on demand', () => {
    const recorder = recorderOn(db, { maxAgeMs: 10_000 });
    recorder.record(scope, sampleAt(clock));
    recorder.record({ ...scope, queueId: 'q2' }, sampleAt(clock));
    clock += 20_000;
    expect(recorder.prune()).toBe(2);
    expect(rowCount(db)).toBe(0);
  });
});
