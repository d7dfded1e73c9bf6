// Part 6 of the bench, in a child process run with `--conditions=react-server` (so the gateway's
// `server-only` marker loads outside Next): what recording costs the queue snapshot, what one
// recorder write costs, and what the cockpit's read of its history costs. Prints JSON on stdout.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApifyClient } from 'apify-client';
import type { GatewayContext } from '../../lib/apify/gateway';
import { getQueueSnapshot } from '../../lib/apify/queues';
import { openDashboardDb } from '../../lib/dashboard-db';
import { analyse } from '../../lib/ops/analyse';
import { DEFAULT_OPS_SETTINGS, type Sample } from '../../lib/ops/history';
import { createRecorder, DEFAULT_LIMITS } from '../../lib/recorder/recorder';
import { type Summary, summarise, timeSync } from './stats';

export interface RecorderResult {
  snapshot: { without: Summary; with: Summary };
  write: { full: Summary; repeat: Summary; bytesPerFull: number; bytesPerRepeat: number };
  /** The first read of a window parses every sample; the next ones (each poll) only the new. */
  cockpit: { samples: number; firstReadMs: number; read: Summary };
}

const ROUNDS = 200;
const WARM_UP = 10;
const WRITES = 2000;
const WINDOW = 900; // 30 minutes polled every 2 s

const { origin, token, queueId } = JSON.parse(process.argv[2] ?? '{}') as {
  origin: string;
  token: string;
  queueId: string;
};
const dir = mkdtempSync(join(tmpdir(), 'headlock-bench-recorder-'));
const file = join(dir, 'headlock.sqlite');
const db = openDashboardDb(file);
// Every snapshot written (the server keeps at most one per 0.9 s per queue): the worst case.
const recorder = createRecorder(db, { limits: { ...DEFAULT_LIMITS, minIntervalMs: 0 } });

// Four crawlers hold 25 locks each, as on a busy queue, so each sample carries 100 locks.
const api = new ApifyClient({ baseUrl: `${origin}/emulator`, token, maxRetries: 0 });
for (let i = 1; i <= 4; i += 1) {
  await api.requestQueue(queueId, { clientKey: `bench-crawler-${i}` }).listAndLockHead({ limit: 25, lockSecs: 3600 });
}

const ctx = (recording: boolean): GatewayContext => ({
  target: { name: 'local', baseUrl: `${origin}/emulator`, token },
  clientKey: 'bench-recorder',
  writesArmed: false,
  acknowledges: () => true,
  recording: recording ? { recorder, account: 'bench' } : null,
});
const withRecording = ctx(true);
const withoutRecording = ctx(false);
const snapshot = async (on: GatewayContext) => {
  const result = await getQueueSnapshot(on, { queueId, limit: 100 });
  if (!result.ok) throw new Error(`snapshot failed: ${result.error.message}`);
};

for (let i = 0; i < WARM_UP; i += 1) {
  await snapshot(withRecording);
  await snapshot(withoutRecording);
}
const times: [number[], number[]] = [[], []];
for (let i = 0; i < ROUNDS; i += 1) {
  const order = i % 2 === 0 ? [0, 1] : [1, 0];
  for (const which of order) {
    const t0 = performance.now();
    await snapshot(which === 0 ? withoutRecording : withRecording);
    times[which]?.push(performance.now() - t0);
  }
}
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** A request ID as the platform makes them: 15 characters that look random (so they compress as badly). */
const requestId = (n: number) => createHash('sha256').update(String(n)).digest('base64url').slice(0, 15);

// Writes: a sample whose locks all changed since the last one (full), and one that repeats it.
const busy = (at: number, round: number): Sample => ({
  at,
  total: 100_000,
  handled: round,
  pending: 100_000 - round,
  locks: Array.from({ length: 100 }, (_, i) => ({
    id: requestId(round * 100 + i),
    holder: `bench-crawler-${i % 4}`,
    expiresAt: at + 60_000 + i,
  })),
  locksTruncated: false,
  head: Array.from({ length: 100 }, (_, i) => requestId(-(round * 100 + i) - 1)),
  headCount: 100,
  headComplete: false,
  hadMultipleClients: true,
  queueModifiedAt: at,
  retried: [],
});
const sizeOf = () => {
  db.pragma('wal_checkpoint(TRUNCATE)');
  return statSync(file).size;
};
const scope = { target: 'local', account: 'bench', queueId: 'write-bench' };
const start = Date.now();
const sizeBefore = sizeOf();
const full = timeSync(WRITES, (i) => recorder.record(scope, busy(start + i * 2000, i)));
const sizeAfterFull = sizeOf();
const last = busy(start + WRITES * 2000, WRITES);
const repeat = timeSync(WRITES, (i) => recorder.record(scope, { ...last, at: last.at + i * 2000 }));
const sizeAfterRepeat = sizeOf();

// The cockpit reads the latest window of such history and judges it.
const cockpitScope = { ...scope, queueId: 'cockpit-bench' };
for (let i = 0; i < WINDOW; i += 1) recorder.record(cockpitScope, busy(start + i * 2000, i));
const judge = () => analyse(recorder.history(cockpitScope, { since: 0, limit: 3000 }), DEFAULT_OPS_SETTINGS);
const firstRead = performance.now();
judge();
const firstReadMs = performance.now() - firstRead;
const read = timeSync(50, judge);

const result: RecorderResult = {
  snapshot: { without: summarise(times[0], sum(times[0])), with: summarise(times[1], sum(times[1])) },
  write: {
    full,
    repeat,
    bytesPerFull: (sizeAfterFull - sizeBefore) / WRITES,
    bytesPerRepeat: (sizeAfterRepeat - sizeAfterFull) / WRITES,
  },
  cockpit: { samples: WINDOW, firstReadMs, read },
};
db.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify(result)}\n`);
