// What crosses from the server to the browser: the app's own shapes, never apify-client's.
import type { Activity, OpsSettings, Verdict } from './ops/history';

export type ErrorCode =
  | 'unauthenticated'
  | 'invalid-input'
  | 'not-found'
  | 'forbidden'
  | 'lock-conflict'
  | 'read-only'
  | 'needs-acknowledgement'
  | 'rate-limited'
  | 'upstream-unavailable'
  | 'timeout'
  | 'internal';

export interface ActionError {
  code: ErrorCode;
  message: string;
  fieldErrors?: Record<string, string[]>;
  /** Seconds to wait before trying again (rate-limited). */
  retryAfter?: number;
}

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** What a server action takes from its caller, read off its signature (so from its zod schema). */
export type ActionInput<A extends (input: never) => Promise<unknown>> = Parameters<A>[0];

/** An action's input without the queue it is scoped to: the parameters a query key adds to the queue's key. */
export type QueueScopedParams<A extends (input: { queueId: string }) => Promise<unknown>> = Omit<
  ActionInput<A>,
  'queueId'
>;

export type TargetName = 'local' | 'apify';

export interface SessionInfo {
  target: TargetName;
  username: string;
  clientKey: string;
  writesArmed: boolean;
  /** Queues on which the user accepted that reading the head registers this clientKey. */
  acknowledgedQueues: string[];
  /** The client this session acts as, on that one queue only. */
  actingAs: ActingAs | null;
}

/** The client a session acts as on one queue only (to release a crashed crawler's locks, say). */
export interface ActingAs {
  queueId: string;
  clientKey: string;
}

export interface QueueSummary {
  id: string;
  name: string | null;
  username: string | null;
  createdAt: string;
  modifiedAt: string;
  accessedAt: string;
  totalRequestCount: number;
  handledRequestCount: number;
  pendingRequestCount: number;
  hadMultipleClients: boolean;
}

export interface QueueList {
  items: QueueSummary[];
  total: number;
  offset: number;
  limit: number;
}

export interface HeadItem {
  id: string;
  uniqueKey: string;
  url: string;
  method: string;
  retryCount: number;
}

export interface LockedItem extends HeadItem {
  lockExpiresAt: string;
}

export interface QueueHead {
  limit: number;
  queueModifiedAt: string;
  hadMultipleClients: boolean;
  items: HeadItem[];
}

export interface RequestDetail extends HeadItem {
  handledAt: string | null;
  loadedUrl: string | null;
  noRetry: boolean;
  payload: string | null;
  userData: unknown;
  headers: Record<string, string>;
  errorMessages: string[];
  lockExpiresAt: string | null;
  lockByClient: string | null;
}

export interface QueueSnapshot {
  queue: QueueSummary;
  /** Absent until reading the head may register this client (acknowledged, or the queue is already shared). */
  head: QueueHead | null;
  /** Requests locked right now, by any client, with their holders. */
  locks: RequestDetail[];
  /** More locks exist than the snapshot lists. */
  locksTruncated: boolean;
  /** The clientKey this page's calls send on this queue (the borrowed one while acting as another client). */
  clientKey: string;
  /** The server's clock (ISO) when the snapshot was taken, to correct the browser's clock. */
  serverNow: string;
}

export interface LockResult {
  items: LockedItem[];
  lockSecs: number;
  clientKey: string;
  queueHasLockedRequests: boolean | null;
  hadMultipleClients: boolean;
  queueModifiedAt: string;
  serverNow: string;
}

export interface ProlongResult {
  lockExpiresAt: string;
  serverNow: string;
}

/** Where requests stand in the head (1-based), from one read of its first 1000. */
export interface HeadPositions {
  positions: Record<string, number | null>;
  /** Requests waiting in the head, counted up to 1000. */
  waiting: number;
  /** `waiting` is the whole head (it held fewer than 1000). */
  complete: boolean;
  serverNow: string;
}

export interface UnlockResult {
  requestId: string;
  serverNow: string;
}

export interface UnlockAllResult {
  unlockedCount: number;
  serverNow: string;
}

export interface RequestRead {
  request: RequestDetail;
  serverNow: string;
}

export interface RequestPage {
  items: RequestDetail[];
  nextCursor: string | null;
  limit: number;
  serverNow: string;
}

export interface AddRequestsResult {
  added: string[];
  alreadyPresent: string[];
  alreadyHandled: string[];
  unprocessed: string[];
}

export interface WriteResult {
  requestId: string;
  wasAlreadyHandled: boolean;
  serverNow: string;
}

export interface DeleteRequestsResult {
  deleted: string[];
  notDeleted: string[];
}

/** The ops cockpit of one queue (lib/ops), as judged with `settings` at `serverNow`. */
export interface QueueActivity extends Activity {
  settings: OpsSettings;
  /** The latest snapshot read only some of the locks: holders' counts are lower bounds. */
  locksTruncated: boolean;
  serverNow: string;
}

/** A queue's mark in the queue list: its latest verdict and how its pending count moved, where recorded. */
export interface QueueMark {
  queueId: string;
  /** When its latest sample was recorded (server ms). */
  recordedAt: number;
  verdict: Verdict | null;
  pending: number[];
}

export interface ReleaseHolderResult {
  clientKey: string;
  unlockedCount: number;
  serverNow: string;
}

/** One HTTP call the gateway made for this session, as the wire saw it (never a header, never the token). */
export interface ApiLogEntry {
  /** Increasing: a later call has a larger id. */
  id: number;
  /** When the request was sent (ISO). */
  at: string;
  method: string;
  /** From the target's base URL on, with the IDs and the query: `/v2/request-queues/…/head?limit=100&clientKey=…`. */
  path: string;
  /** The HTTP status; null when no answer came (network error, timeout). */
  status: number | null;
  durationMs: number;
  /** The `clientKey` parameter the call sent, if any. */
  clientKey: string | null;
  target: TargetName;
  /** The body sent was longer than the log keeps: the curl's body is cut short. */
  bodyTruncated: boolean;
  /** The call as a curl command, the token written as `$APIFY_TOKEN`. */
  curl: string;
}

export interface ApiLog {
  /** Newest first. */
  entries: ApiLogEntry[];
  /** How many calls the log keeps per session (the oldest go first). */
  capacity: number;
}
