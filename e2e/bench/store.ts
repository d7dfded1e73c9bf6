import { MemoryStorage } from '@crawlee/memory-storage';
import { openDatabase } from '../../lib/emulator/db';
import { EmulatorStore } from '../../lib/emulator/store';
import { benchUrl, type FixtureQueue, type QueueIds } from './fixture';
import { type Summary, timeSequential, timeSync } from './stats';

export const LOCK = { limit: 25, lockSecs: 60 } as const;
export const STORE_SIZES = [
  ['10k', 'q-10k', 10_000],
  ['100k', 'q-100k', 100_000],
  ['1M', 'q-1m', 1_000_000],
] as const satisfies readonly (readonly [string, FixtureQueue, number])[];
const PEER_SIZES = new Set(['10k', '100k']);
const WARM_UP_CALLS = 40;

/** 1,000 consecutive calls, or fewer where the queue holds less: every timed call locks a full batch. */
export const lockCalls = (size: number) => Math.min(1000, Math.floor(size / LOCK.limit));

export interface StoreRow {
  size: string;
  calls: number;
  emulator: Summary;
  peer: Summary | null;
  /** Diagnostic: the same calls with SQLite's WAL auto-checkpoint off (checkpoint cost left out). */
  noCheckpoint: Summary;
}

function expectFull(items: unknown[], where: string) {
  if (items.length !== LOCK.limit) throw new Error(`${where}: a lock call returned ${items.length} items`);
}

/** `listAndLockHead` on the emulator's store, in this process, on its own copy of the fixture. */
function benchEmulator(dbFile: string, ids: QueueIds, autoCheckpoint: boolean): Record<string, Summary> {
  const db = openDatabase(dbFile);
  if (!autoCheckpoint) db.pragma('wal_autocheckpoint = 0');
  const store = new EmulatorStore(db);
  const lock = (queue: string) => {
    const { items } = store.listAndLockHead(queue, { ...LOCK, clientKey: 'bench-store' });
    expectFull(items, 'emulator store');
  };
  try {
    for (let i = 0; i < WARM_UP_CALLS; i += 1) lock(ids['warm-5k']);
    const bySize: Record<string, Summary> = {};
    for (const [label, queue, size] of STORE_SIZES) bySize[label] = timeSync(lockCalls(size), () => lock(ids[queue]));
    return bySize;
  } finally {
    db.close();
  }
}

async function fillPeer(peer: MemoryStorage, name: string, size: number) {
  const { id } = await peer.requestQueues().getOrCreate(name);
  const queue = peer.requestQueue(id);
  for (let i = 0; i < size; i += 25) {
    const batch = Array.from({ length: Math.min(25, size - i) }, (_, j) => {
      const url = benchUrl(name, i + j);
      return { url, uniqueKey: url };
    });
    await queue.batchAddRequests(batch);
  }
  return queue;
}

/** The same calls on @crawlee/memory-storage (in memory only), after the emulator's so heaps do not mix. */
async function benchPeer(dir: string): Promise<Record<string, Summary>> {
  const peer = new MemoryStorage({ persistStorage: false, writeMetadata: false, localDataDirectory: dir });
  const warm = await fillPeer(peer, 'warm-5k', 5_000);
  for (let i = 0; i < WARM_UP_CALLS; i += 1) expectFull((await warm.listAndLockHead(LOCK)).items, 'memory-storage');
  const bySize: Record<string, Summary> = {};
  for (const [label, queue, size] of STORE_SIZES) {
    if (!PEER_SIZES.has(label)) continue;
    const client = await fillPeer(peer, queue, size);
    bySize[label] = await timeSequential(lockCalls(size), async () => {
      expectFull((await client.listAndLockHead(LOCK)).items, 'memory-storage');
    });
  }
  return bySize;
}

/** Part 1. `dbFiles`: two fresh copies of the fixture, one per emulator run. */
export async function benchStore(
  dbFiles: [string, string],
  ids: QueueIds,
  peerDir: string,
  log: (line: string) => void,
): Promise<StoreRow[]> {
  const emulator = benchEmulator(dbFiles[0], ids, true);
  log(`store: emulator ${STORE_SIZES.map(([s]) => `${s} ${emulator[s]?.perSec.toFixed(0)}/s`).join(', ')}`);
  const noCheckpoint = benchEmulator(dbFiles[1], ids, false);
  const peer = await benchPeer(peerDir);
  log(
    `store: memory-storage ${Object.entries(peer)
      .map(([s, r]) => `${s} ${r.perSec.toFixed(0)}/s`)
      .join(', ')}`,
  );
  return STORE_SIZES.map(([label, , size]) => ({
    size: label,
    calls: lockCalls(size),
    emulator: emulator[label] as Summary,
    peer: peer[label] ?? null,
    noCheckpoint: noCheckpoint[label] as Summary,
  }));
}
