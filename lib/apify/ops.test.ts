import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DashboardDb, openDashboardDb } from '../dashboard-db';
import { openDatabase } from '../emulator/db';
import { createEmulatorHandler } from '../emulator/http/handler';
import { serveEmulator } from '../emulator/node-server';
import { EmulatorStore } from '../emulator/store';
import { createRecorder, DEFAULT_LIMITS, type Recorder } from '../recorder/recorder';
import { failure, must } from './action-result.test-support';
import type { GatewayContext } from './gateway';
import { getQueueActivity, getQueueMarks, releaseHolder } from './ops';
import { getQueueSnapshot } from './queues';

// The ops cockpit over the real chain: gateway → apify-client → HTTP → emulator, with the recorder
// on a dashboard database of its own.

const TOKEN = 'ops-test-token-MARKER-4kQz';
const DASHBOARD = 'headlock-ops-test';

let store: EmulatorStore;
let server: Server;
let baseUrl = '';
let dir: string;
let db: DashboardDb;
let recorder: Recorder;
let seen: { method: string; path: string; clientKey: string | null }[] = [];

beforeAll(async () => {
  store = new EmulatorStore(openDatabase(':memory:'));
  const handler = createEmulatorHandler({ store, token: TOKEN, basePath: '' });
  server = await serveEmulator((request) => {
    const url = new URL(request.url);
    seen.push({ method: request.method, path: url.pathname, clientKey: url.searchParams.get('clientKey') });
    return handler(request);
  }, 0);
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = mkdtempSync(join(tmpdir(), 'headlock-ops-'));
  db = openDashboardDb(join(dir, 'headlock.sqlite'));
  // Polls in a test come milliseconds apart: keep every one.
  recorder = createRecorder(db, { limits: { ...DEFAULT_LIMITS, minIntervalMs: 0 } });
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  seen = [];
});

const ctx = (overrides: Partial<GatewayContext> = {}): GatewayContext => ({
  target: { name: 'local', baseUrl, token: TOKEN },
  clientKey: DASHBOARD,
  writesArmed: true,
  acknowledges: () => true,
  recording: { recorder, account: 'alice' },
  ...overrides,
});

let queueCount = 0;
/** A queue of `n` requests; `locks` maps a crawler's clientKey to how many head requests it locks. */
function queueWith(n: number, locks: Record<string, number> = {}) {
  queueCount += 1;
  const id = store.getOrCreateQueue(`ops-${queueCount}`).queue.id as string;
  const urls = Array.from({ length: n }, (_, i) => ({
    url: `https://ops.test/${queueCount}/${i}`,
    uniqueKey: `u${i}`,
  }));
  for (let i = 0; i < urls.length; i += 25) store.batchAddRequests(id, urls.slice(i, i + 25), { clientKey: 'seeder' });
  const held: Record<string, string[]> = {};
  for (const [clientKey, limit] of Object.entries(locks)) {
    held[clientKey] = store.listAndLockHead(id, { limit, lockSecs: 120, clientKey }).items.map((item) => item.id);
  }
  return { id, held };
}
const lockedBy = (queueId: string) => {
  const byHolder: Record<string, string[]> = {};
  for (const item of store.listRequests(queueId, { limit: 1000, filter: ['locked'] }).items) {
    const holder = String(item.lockByClient);
    byHolder[holder] = [...(byHolder[holder] ?? []), item.id as string].sort();
  }
  return byHolder;
};
const rows = () => db.prepare('SELECT count(*) FROM queue_samples').pluck().get();

describe('recording snapshots', () => {
  it('records each snapshot the page reads: counts, every lock with its holder, the head', async () => {
    const { id, held } = queueWith(10, { 'crawler-a': 3, 'crawler-b': 2 });
    must(await getQueueSnapshot(ctx(), { queueId: id, limit: 4 }));
    const [sample] = recorder.history({ target: 'local', account: 'alice', queueId: id }, { since: 0, limit: 10 });
    expect(sample).toMatchObject({ total: 10, handled: 0, pending: 10, headCount: 4, headComplete: false });
    expect(sample?.locks.map((lock) => [lock.holder, lock.id]).sort()).toEqual(
      [
        ...(held['crawler-a'] ?? []).map((lockId) => ['crawler-a', lockId]),
        ...(held['crawler-b'] ?? []).map((lockId) => ['crawler-b', lockId]),
      ].sort(),
    );
    expect(sample?.head).toHaveLength(4);
    expect(sample?.hadMultipleClients).toBe(true);
  });

  it('records nothing when the head was not read (not acknowledged, not shared)', async () => {
    queueCount += 1;
    const id = store.getOrCreateQueue(`ops-private-${queueCount}`).queue.id as string;
    const before = rows();
    const snapshot = must(await getQueueSnapshot(ctx({ acknowledges: () => false }), { queueId: id }));
    expect(snapshot.head).toBeNull();
    expect(rows()).toBe(before);
  });

  it('records nothing without a recorder, and a failed read records nothing', async () => {
    const { id } = queueWith(2);
    const before = rows();
    must(await getQueueSnapshot(ctx({ recording: null }), { queueId: id }));
    failure(await getQueueSnapshot(ctx(), { queueId: 'NoSuchQueue123456' }));
    expect(rows()).toBe(before);
  });
});

describe('getQueueActivity', () => {
  it('lists each holder with its locks, and judges a queue whose pending requests are all locked', async () => {
    const { id } = queueWith(5, { 'crawler-a': 3, 'crawler-b': 2 });
    must(await getQueueSnapshot(ctx(), { queueId: id }));
    const activity = must(await getQueueActivity(ctx(), { queueId: id, silentAfter: 60 }));
    expect(activity.holders.map((holder) => [holder.clientKey, holder.locks])).toEqual([
      ['crawler-a', 3],
      ['crawler-b', 2],
    ]);
    expect(activity.verdicts.map((verdict) => verdict.kind)).toContain('all-pending-locked');
    expect(activity.settings).toEqual({ silentAfterSecs: 60, poisonAt: 3 });
    expect(activity.samples).toBe(1);
  });

  it('never shows one account the history of another', async () => {
    const { id } = queueWith(3, { 'crawler-a': 1 });
    must(await getQueueSnapshot(ctx(), { queueId: id }));
    const bob = ctx({ recording: { recorder, account: 'bob' } });
    const theirs = must(await getQueueActivity(bob, { queueId: id }));
    expect(theirs.samples).toBe(0);
    expect(theirs.holders).toEqual([]);
    expect(must(await getQueueActivity(ctx(), { queueId: id })).samples).toBe(1);
  });

  it('is an error for an unknown queue, and an empty history for a known one nobody watched', async () => {
    expect(failure(await getQueueActivity(ctx(), { queueId: 'NoSuchQueue123456' })).code).toBe('not-found');
    const { id } = queueWith(1);
    expect(must(await getQueueActivity(ctx(), { queueId: id }))).toMatchObject({ samples: 0, verdicts: [] });
  });

  it.each([
    ['silentAfter', 0, 'silentAfter must be at least 2 seconds'],
    ['silentAfter', 999_999, 'silentAfter must be at most 3600 seconds'],
    ['silentAfter', 1.5, 'silentAfter must be a whole number of seconds'],
    ['silentAfter', 'soon', 'silentAfter'],
    ['poisonAt', 0, 'poisonAt must be at least 1 retry'],
    ['windowMinutes', 5000, 'windowMinutes must be at most 1440'],
  ])('refuses %s = %j with a clear error and records nothing', async (field, value, message) => {
    const { id } = queueWith(1);
    const before = rows();
    const error = failure(await getQueueActivity(ctx(), { queueId: id, [field]: value }));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain(message);
    expect(rows()).toBe(before);
    expect(seen).toEqual([]);
  });
});

describe('releaseHolder', () => {
  it("releases exactly one holder's locks, in one call sent with that holder's clientKey", async () => {
    const { id, held } = queueWith(10, { 'crawler-a': 3, 'crawler-b': 2 });
    const before = lockedBy(id);
    const released = must(await releaseHolder(ctx(), { queueId: id, clientKey: 'crawler-b' }));
    expect(released).toMatchObject({ clientKey: 'crawler-b', unlockedCount: 2 });
    expect(lockedBy(id)).toEqual({ 'crawler-a': before['crawler-a'] });
    expect(
      held['crawler-b']?.every((requestId) =>
        store.listHead(id, { limit: 10 }).items.some((item) => item.id === requestId),
      ),
    ).toBe(true);
    expect(seen).toEqual([
      { method: 'POST', path: `/v2/request-queues/${id}/requests/unlock`, clientKey: 'crawler-b' },
    ]);
  });

  it('does not make a queue look shared: a holder that is its only client stays the only one', async () => {
    queueCount += 1;
    const id = store.getOrCreateQueue(`ops-alone-${queueCount}`).queue.id as string;
    store.batchAddRequests(id, [{ url: 'https://ops.test/alone', uniqueKey: 'alone' }], { clientKey: 'crawler-a' });
    store.listAndLockHead(id, { limit: 1, lockSecs: 60, clientKey: 'crawler-a' });
    must(await releaseHolder(ctx(), { queueId: id, clientKey: 'crawler-a' }));
    expect(store.getQueue(id).hadMultipleClients).toBe(false);
  });

  it.each([
    ['a read-only session', { writesArmed: false }, { queueId: '', clientKey: 'crawler-a' }, 'read-only'],
    ['a clientKey with a space', {}, { queueId: '', clientKey: 'crawler a' }, 'invalid-input'],
    ['an empty clientKey', {}, { queueId: '', clientKey: '' }, 'invalid-input'],
  ])('refuses %s and changes nothing', async (_case, overrides, input, code) => {
    const { id } = queueWith(3, { 'crawler-a': 2 });
    const before = lockedBy(id);
    const error = failure(await releaseHolder(ctx(overrides), { ...input, queueId: id }));
    expect(error.code).toBe(code);
    expect(lockedBy(id)).toEqual(before);
    expect(seen).toEqual([]);
  });
});

describe('getQueueMarks', () => {
  it('gives each watched queue its latest verdict, and nothing for queues it did not watch', async () => {
    const watched = queueWith(2, { 'crawler-a': 2 });
    const unwatched = queueWith(2);
    must(await getQueueSnapshot(ctx(), { queueId: watched.id }));
    const marks = must(await getQueueMarks(ctx(), { queueIds: [watched.id, unwatched.id] }));
    expect(marks.map((mark) => [mark.queueId, mark.verdict?.kind])).toEqual([[watched.id, 'all-pending-locked']]);
    expect(
      must(await getQueueMarks(ctx({ recording: { recorder, account: 'bob' } }), { queueIds: [watched.id] })),
    ).toEqual([]);
  });
});

describe('the recorder file', () => {
  it('holds no token, in its bytes or in any sample once inflated', async () => {
    const { id } = queueWith(3, { 'crawler-a': 1 });
    must(await getQueueSnapshot(ctx(), { queueId: id }));
    const details = db.prepare<[], Buffer>('SELECT detail FROM queue_samples WHERE detail IS NOT NULL').pluck().all();
    expect(details.length).toBeGreaterThan(0);
    for (const detail of details) expect(inflateRawSync(detail).toString()).not.toContain(TOKEN);
    db.pragma('wal_checkpoint(TRUNCATE)');
    for (const name of readdirSync(dir)) {
      expect(readFileSync(join(dir, name)).includes(TOKEN), name).toBe(false);
    }
  });
});
