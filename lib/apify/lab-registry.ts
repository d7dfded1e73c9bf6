import 'server-only';
import { randomBytes } from 'node:crypto';
import { type DashboardDb, dashboardDb } from '../dashboard-db';
import { LANE_IDS, type LabLane, type LabQueue } from '../lab/types';

/** Whose lab queues: a target and an account on it (two accounts never see each other's). */
export interface LabScope {
  target: string;
  account: string;
}

export interface LabRegistry {
  get(scope: LabScope, queueId: string): LabQueue | null;
  /** Registers a queue; a queue already registered in the scope keeps its entry (and its lanes). */
  add(scope: LabScope, lab: LabQueue): void;
}

interface Row {
  queue_id: string;
  name: string | null;
  created_by_lab: 0 | 1;
  created_at: string;
  lane_a: string;
  lane_b: string;
  lane_c: string;
  lane_d: string;
  seeded_forefront: string;
}

/** A target name and an account cannot contain a newline. */
const scopeText = (scope: LabScope) => `${scope.target}\n${scope.account}`;

/**
 * Four fresh lanes: `lab-<lane>-` and 12 random URL-safe characters (72 bits), 18 characters in all,
 * within the API's 32 and the dashboard's clientKey pattern.
 */
export const newLanes = (): LabLane[] =>
  LANE_IDS.map((id) => ({ id, clientKey: `lab-${id.toLowerCase()}-${randomBytes(9).toString('base64url')}` }));

function toLabQueue(row: Row): LabQueue {
  const keys = [row.lane_a, row.lane_b, row.lane_c, row.lane_d];
  return {
    queueId: row.queue_id,
    name: row.name,
    createdByLab: row.created_by_lab === 1,
    createdAt: row.created_at,
    lanes: LANE_IDS.map((id, i) => ({ id, clientKey: keys[i] as string })),
    seededForefront: JSON.parse(row.seeded_forefront) as string[],
  };
}

/** The lab's registry on the dashboard's database (the table is created by its migrations). */
export function createLabRegistry(db: DashboardDb, { now = Date.now }: { now?: () => number } = {}): LabRegistry {
  const select = db.prepare<{ scope: string; queue: string }, Row>(
    `SELECT queue_id, name, created_by_lab, created_at, lane_a, lane_b, lane_c, lane_d, seeded_forefront
     FROM lab_queues WHERE scope = @scope AND queue_id = @queue`,
  );
  const insert = db.prepare(
    `INSERT INTO lab_queues (scope, queue_id, name, created_by_lab, created_at, registered_at,
       lane_a, lane_b, lane_c, lane_d, seeded_forefront)
     VALUES (@scope, @queue, @name, @createdByLab, @createdAt, @registeredAt, @a, @b, @c, @d, @seeded)
     ON CONFLICT (scope, queue_id) DO NOTHING`,
  );
  return {
    get: (scope, queueId) => {
      const row = select.get({ scope: scopeText(scope), queue: queueId });
      return row ? toLabQueue(row) : null;
    },
    add: (scope, lab) => {
      const key = (id: LabLane['id']) => {
        const lane = lab.lanes.find((candidate) => candidate.id === id);
        if (!lane) throw new Error(`A lab queue needs all four lanes; lane ${id} is missing.`);
        return lane.clientKey;
      };
      insert.run({
        scope: scopeText(scope),
        queue: lab.queueId,
        name: lab.name,
        createdByLab: lab.createdByLab ? 1 : 0,
        createdAt: lab.createdAt,
        registeredAt: now(),
        a: key('A'),
        b: key('B'),
        c: key('C'),
        d: key('D'),
        seeded: JSON.stringify(lab.seededForefront),
      });
    },
  };
}

// One registry per server process, on the dashboard's own database (not the emulator's).
const holder = globalThis as typeof globalThis & { __headlockLabRegistry?: LabRegistry };

export function serverLabRegistry(): LabRegistry {
  holder.__headlockLabRegistry ??= createLabRegistry(dashboardDb());
  return holder.__headlockLabRegistry;
}
