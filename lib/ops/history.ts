// What the recorder keeps of a queue over time, and what the ops cockpit reads out of it. Pure data:
// the recorder (lib/recorder) writes samples, lib/ops turns a history of them into findings.

/** One lock as recorded: the request, its holder's clientKey, its expiry (server ms). */
export interface RecordedLock {
  id: string;
  holder: string | null;
  expiresAt: number;
}

/** A request seen retried (in the head or locked), with its latest error message when known. */
export interface RetriedRequest {
  id: string;
  url: string;
  retryCount: number;
  lastError: string | null;
}

/** What the recorder keeps of one snapshot of one queue. Times are server ms. */
export interface Sample {
  /** Server time of the snapshot. */
  at: number;
  total: number;
  handled: number;
  pending: number;
  /** The locks read (by every client); more exist when `locksTruncated`. */
  locks: RecordedLock[];
  locksTruncated: boolean;
  /** IDs at the front of the head, in order (at most `HEAD_IDS_KEPT`). */
  head: string[];
  /** How many requests the head read returned (0: the head is empty). */
  headCount: number;
  /** The head read returned fewer than it asked for: it is the whole head. */
  headComplete: boolean;
  hadMultipleClients: boolean;
  queueModifiedAt: number;
  /** Requests seen with retryCount > 0 in this snapshot (head or locks). */
  retried: RetriedRequest[];
}

/** How many head IDs a sample keeps: enough to say where an expired lock's request went. */
export const HEAD_IDS_KEPT = 100;

/** A recorded history: samples oldest first, all of one queue of one account. */
export type History = readonly Sample[];

/** What the cockpit is asked to judge with (from the page's URL). */
export interface OpsSettings {
  /** A holder with no action seen for this long is silent. */
  silentAfterSecs: number;
  /** A request retried this many times or more is poison. */
  poisonAt: number;
}

export const DEFAULT_OPS_SETTINGS: OpsSettings = { silentAfterSecs: 60, poisonAt: 3 };

export type HolderStatus = 'active' | 'silent' | 'unknown';

/** One clientKey holding locks in the latest sample. */
export interface Holder {
  clientKey: string;
  locks: number;
  earliestExpiry: number;
  latestExpiry: number;
  /** When it was last seen taking, prolonging, releasing or handling a lock (null: not in the history). */
  lastActedAt: number | null;
  status: HolderStatus;
}

/** What happened between two consecutive samples, grouped by kind and holder. */
export type OpsEvent =
  | { at: number; kind: 'taken' | 'prolonged' | 'released'; holder: string | null; count: number }
  | { at: number; kind: 'expired'; holder: string | null; count: number; went: ExpiredLanding[] }
  /** `holder` null: handled without this page seeing who held the request. */
  | { at: number; kind: 'handled'; holder: string | null; count: number }
  | { at: number; kind: 'shared' };

/** Where the request of an expired lock was in the next sample. */
export type ExpiredLanding =
  | { id: string; to: 'head'; position: number }
  | { id: string; to: 'taken'; by: string | null }
  /** Neither locked nor in the kept part of the head (handled, deleted, or further back). */
  | { id: string; to: 'not-seen' };

/** Findings, most urgent first; each carries its evidence as data (the page words it). */
export type Verdict =
  /** Head empty, requests pending: every pending request is locked. */
  | {
      kind: 'all-pending-locked';
      pending: number;
      locks: number;
      locksTruncated: boolean;
      holders: number;
      silentHolders: string[];
      firstFreeAt: number;
    }
  /** Head empty, locks held, and none of their holders is active: crawlers wait until the last frees. */
  | { kind: 'locks-head-empty'; locks: number; holders: string[]; lastFreeAt: number }
  /** Nothing handled for at least silentAfter while requests are pending: `forMs` since `since`, at the latest sample. */
  | {
      kind: 'stall';
      since: number;
      forMs: number;
      pending: number;
      locks: number;
      silentHolders: string[];
      silentLocks: number;
    }
  /** Requests retried `threshold` times or more in the window: `count` of them, the worst (at most 10) listed. */
  | { kind: 'poison'; threshold: number; count: number; requests: RetriedRequest[]; latestError: string | null }
  | { kind: 'finished' };

/** Sparkline series over the recorded window, one point per bucket. */
export interface ActivitySeries {
  /** Bucket end times. */
  at: number[];
  handledPerMinute: number[];
  pending: number[];
  locked: number[];
}

/** Everything the cockpit shows for one queue, from its history. */
export interface Activity {
  /** Samples analysed and the span they cover (null when there are none). */
  samples: number;
  recordedFrom: number | null;
  recordedTo: number | null;
  /** How long the latest unbroken run of samples covers (ms): less than silentAfter means "unknown". */
  observedForMs: number;
  holders: Holder[];
  verdicts: Verdict[];
  /** Newest first, at most `EVENTS_KEPT`. */
  events: OpsEvent[];
  series: ActivitySeries;
}

export const EVENTS_KEPT = 100;
/** Samples further apart than this break the observation (nobody was watching in between). */
export const OBSERVATION_GAP_MS = 60_000;
