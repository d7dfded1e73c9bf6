import type { ActionError } from '../types';

// The lock lab's shapes: what its server actions return and what the browser records of them. The
// lab is a page per queue with up to four clients ("lanes"), each with its own clientKey, driven by
// the user, by a guided demo or by a simulated crawler running in the browser.

export const LANE_IDS = ['A', 'B', 'C', 'D'] as const;
export type LaneId = (typeof LANE_IDS)[number];

/** A lane's client on a lab queue. The key is made once, when the queue becomes a lab queue. */
export interface LabLane {
  id: LaneId;
  clientKey: string;
}

/** A queue the lab may run clients on: one it created, or one the user confirmed ("adopted"). */
export interface LabQueue {
  queueId: string;
  name: string | null;
  /** False for a queue the user adopted: the lab did not create it. */
  createdByLab: boolean;
  createdAt: string;
  /** Always the four lanes, A first; the page shows 1–4 of them. Lane A also reads the view. */
  lanes: LabLane[];
  /** The IDs of the requests the lab added at the front when it created the queue (none if adopted). */
  seededForefront: string[];
}

/** One request of a lab queue as the lab's view reads it (`GET …/requests`, every page). */
export interface LabRequest {
  id: string;
  /** A short name for captions: the URL's last path segment (the lab's own are r1, r2, …), else the ID. */
  label: string;
  url: string;
  handledAt: string | null;
  retryCount: number;
  /** The first line of the latest error message, if any. */
  lastError: string | null;
  /** While locked: when the lock ends, and who holds it (as the list returns them). */
  lockExpiresAt: string | null;
  lockByClient: string | null;
}

/** The whole of a (small) lab queue at one moment, read as lane A so that reading adds no client. */
export interface LabView {
  queueId: string;
  name: string | null;
  totalRequestCount: number;
  handledRequestCount: number;
  pendingRequestCount: number;
  hadMultipleClients: boolean;
  /** The pending, unlocked requests in queue order (`GET …/head`, limit 1000). */
  headIds: string[];
  /** Every request of the queue, in the list's order (not queue order). */
  requests: LabRequest[];
  serverNow: string;
}

/** One thing a lane does: a single lab step, which makes one to three API calls. */
export type LabOp =
  /** `POST …/head/lock` */
  | { op: 'lock'; lockSecs: number; limit: number }
  /** `GET …/head`: a read that sends the lane's clientKey (it registers the client). */
  | { op: 'read'; limit: number }
  /** `PUT …/requests/:id/lock` */
  | { op: 'prolong'; requestId: string; lockSecs: number; forefront: boolean }
  /** `DELETE …/requests/:id/lock` */
  | { op: 'unlock'; requestId: string; forefront: boolean }
  /** `GET …/requests/:id`, then `PUT …/requests/:id` with `handledAt` (as Crawlee marks a request handled). */
  | { op: 'handled'; requestId: string }
  /**
   * Crawlee's reclaim after a failed attempt: `GET …/requests/:id`, `PUT …/requests/:id` with
   * retryCount + 1 and the error appended, then `DELETE …/requests/:id/lock` (both with `forefront`).
   */
  | { op: 'fail'; requestId: string; errorMessage: string; forefront: boolean };

/** What the browser sends to run one step. */
export type LabStepInput = { queueId: string; lane: LaneId } & LabOp;

/** What a successful step did, per op. */
export type LabOutcome =
  | {
      op: 'lock';
      lockSecs: number;
      /** The requests granted, with the retries the queue had counted for each. */
      items: { id: string; lockExpiresAt: string; retryCount: number }[];
      hadMultipleClients: boolean;
      queueHasLockedRequests: boolean | null;
    }
  | { op: 'read'; ids: string[]; hadMultipleClients: boolean }
  | { op: 'prolong'; requestId: string; lockExpiresAt: string; forefront: boolean }
  | { op: 'unlock'; requestId: string; forefront: boolean }
  | { op: 'handled'; requestId: string; wasAlreadyHandled: boolean }
  | { op: 'fail'; requestId: string; retryCount: number; forefront: boolean };

/** One HTTP exchange a step made, as the API log captured it (no header, no token). */
export interface LabWireCall {
  /** The API log's ID: increasing across the session. */
  id: number;
  method: string;
  /** From the base URL on, with the query (`/v2/request-queues/…/head/lock?lockSecs=5&limit=2&clientKey=…`). */
  path: string;
  /** Null when no answer came. */
  status: number | null;
  /** When it was sent (ISO, the server's clock). */
  startedAt: string;
  durationMs: number;
  clientKey: string | null;
}

/**
 * A step's result. An upstream refusal (the lock was lost, 429, …) is not an action failure: the step
 * made calls the audience must see, so it comes back as `error` with its `calls`. The action fails
 * (`ok: false`) only when no call was made: bad input, a queue that is not a lab queue, read-only.
 */
export interface LabStepResult {
  lane: LaneId;
  /** Null when the step failed (see `error`). */
  outcome: LabOutcome | null;
  error: ActionError | null;
  calls: LabWireCall[];
  /** The server's clock around the step (ISO). */
  startedAt: string;
  finishedAt: string;
}

/** One step as the browser's lab log keeps it, in the order the steps were started. */
export interface LabLogEntry extends LabStepResult {
  /** Increasing in the browser, from 1. */
  seq: number;
  op: LabOp;
}

/** What "New lab queue" makes. */
export interface NewLabQueueOptions {
  /** How many requests (1–200, default 20). */
  requests: number;
  /** How many of them are added at the front (default 3). */
  forefront: number;
  /** How many are added already handled (default 2). */
  handled: number;
}
