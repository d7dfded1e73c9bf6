import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientKeyInput } from '../action-inputs';
import { type DashboardDb, openDashboardDb } from '../dashboard-db';
import type { LabQueue } from '../lab/types';
import { createLabRegistry, newLanes } from './lab-registry';

let dir: string;
let db: DashboardDb;
const file = () => join(dir, 'headlock.sqlite');
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'headlock-lab-registry-'));
  db = openDashboardDb(file());
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const alice = { target: 'local', account: 'alice' };
const lab = (queueId: string, change: Partial<LabQueue> = {}): LabQueue => ({
  queueId,
  name: `lab-${queueId}`,
  createdByLab: true,
  createdAt: '2026-11-27T10:00:00.000Z',
  lanes: newLanes(),
  seededForefront: ['r1id', 'r2id'],
  ...change,
});

describe('newLanes', () => {
  it('makes four distinct lanes A–D whose keys the dashboard accepts as clientKeys', () => {
    const lanes = newLanes();
    expect(lanes.map((lane) => lane.id)).toEqual(['A', 'B', 'C', 'D']);
    for (const lane of lanes) {
      expect(lane.clientKey).toMatch(new RegExp(`^lab-${lane.id.toLowerCase()}-[A-Za-z0-9_-]{12}$`));
      expect(clientKeyInput.safeParse(lane.clientKey).success).toBe(true);
    }
    expect(new Set(lanes.map((lane) => lane.clientKey)).size).toBe(4);
    expect(newLanes()[0]?.clientKey).not.toBe(lanes[0]?.clientKey);
  });
});

describe('the lab registry', () => {
  it('gives back what was added, and null for a queue it does not hold', () => {
    const registry = createLabRegistry(db, { now: () => 1 });
    const entry = lab('q1');
    registry.add(alice, entry);
    expect(registry.get(alice, 'q1')).toEqual(entry);
    expect(registry.get(alice, 'q2')).toBeNull();
    const adopted = lab('q2', { createdByLab: false, seededForefront: [], name: null });
    registry.add(alice, adopted);
    expect(registry.get(alice, 'q2')).toEqual(adopted);
  });

  it('keeps its entries when the file is opened again', () => {
    const entry = lab('q1');
    createLabRegistry(db).add(alice, entry);
    db.close();
    db = openDashboardDb(file());
    expect(createLabRegistry(db).get(alice, 'q1')).toEqual(entry);
  });

  it('keeps the first entry of a queue: adding it again changes nothing', () => {
    const registry = createLabRegistry(db);
    const first = lab('q1');
    registry.add(alice, first);
    registry.add(alice, lab('q1', { createdByLab: false }));
    expect(registry.get(alice, 'q1')).toEqual(first);
  });

  it('never shows one target or account the lab queues of another', () => {
    const registry = createLabRegistry(db);
    registry.add(alice, lab('q1'));
    expect(registry.get({ target: 'local', account: 'bob' }, 'q1')).toBeNull();
    expect(registry.get({ target: 'apify', account: 'alice' }, 'q1')).toBeNull();
    const bobs = lab('q1');
    registry.add({ target: 'local', account: 'bob' }, bobs);
    expect(registry.get({ target: 'local', account: 'bob' }, 'q1')).toEqual(bobs);
    expect(registry.get(alice, 'q1')?.lanes).not.toEqual(bobs.lanes);
  });

  it('refuses an entry without all four lanes', () => {
    expect(() => createLabRegistry(db).add(alice, lab('q1', { lanes: newLanes().slice(0, 3) }))).toThrow(/lane D/);
    expect(createLabRegistry(db).get(alice, 'q1')).toBeNull();
  });
});
