// Inspection at scale (issue 12): finding a request, the views the API lacks (by scanning), bulk
// actions and export. The shapes shared by the server actions, the export route and the page.

/** The views the API serves itself (`listRequests` filter). */
export const API_FILTERS = ['all', 'pending', 'locked'] as const;
/** The views only a scan of every request gives. */
export const SCAN_FILTERS = ['handled', 'failed'] as const;
export const REQUEST_FILTERS = [...API_FILTERS, ...SCAN_FILTERS] as const;
export type ApiFilter = (typeof API_FILTERS)[number];
export type RequestFilter = (typeof REQUEST_FILTERS)[number];

/** What the requests tab shows: a filter, and optionally a URL substring (which always needs a scan). */
export interface RequestView {
  filter: RequestFilter;
  /** Case-sensitive substring of the URL; empty or absent: no URL condition. */
  urlContains?: string;
}

/** The longest search text or URL substring accepted. */
export const MAX_SEARCH_LENGTH = 2000;
/** Requests read per scan page: the API's maximum `limit` for `listRequests`. */
export const SCAN_PAGE_SIZE = 10_000;
/**
 * Requests read per export page. Smaller than a scan's: an export writes every field of every request,
 * and smaller steps keep the server's memory growth under 100 MB at ~95,000 requests/s (npm run bench).
 */
export const EXPORT_PAGE_SIZE = 1_000;
/** Request IDs per bulk-action call (the browser sends chunks of this size, one after another). */
export const MAX_BULK_IDS = 50;
/** Matching rows a scan keeps in the browser; the count goes on past it. */
export const MAX_SCAN_ROWS = 100_000;

/** A request as a scan keeps it: what the table, the failures and the bulk actions need. */
export interface ScanRow {
  id: string;
  url: string;
  uniqueKey: string;
  method: string;
  retryCount: number;
  handledAt: string | null;
  /** How many error messages the request holds. */
  errorCount: number;
  /** The first line of the last error message (at most 300 characters), or null when there is none. */
  lastError: string | null;
  lockExpiresAt: string | null;
}

/** One page of a scan: the matching rows of `read` requests, and where the next page starts. */
export interface ScanPage {
  rows: ScanRow[];
  /** Requests read in this page, matching or not. */
  read: number;
  nextCursor: string | null;
  serverNow: string;
}

/** What the find box found: the request, or every candidate ID it tried. */
export interface FindResult {
  /** The request's ID when found (open `/queues/<queueId>/requests/<id>`). */
  found: { requestId: string; url: string; matchedAs: FindMatch } | null;
  /** Every candidate tried, in order, with how it was derived. */
  tried: { requestId: string; as: FindMatch }[];
}
/** How the text led to the request: as its ID, its uniqueKey, or the normalized URL Crawlee would use. */
export type FindMatch = 'request ID' | 'uniqueKey' | 'normalized URL';

export const BULK_OPERATIONS = ['reclaim', 'mark-handled', 'delete'] as const;
export type BulkOperation = (typeof BULK_OPERATIONS)[number];

/** What happened to one request of a bulk action. */
export interface BulkOutcome {
  requestId: string;
  /** done: changed; unchanged: already so (e.g. reclaiming a pending request); failed: see message. */
  status: 'done' | 'unchanged' | 'failed';
  /** For failed: why, specifically (e.g. "locked by client crawler-7 until 14:02:10"). */
  message?: string;
  /** For failed: the error code; `rate-limited` ones may be sent again after a pause. */
  code?: string;
}

export interface BulkResult {
  outcomes: BulkOutcome[];
  serverNow: string;
}

export const EXPORT_FORMATS = ['ndjson', 'json', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The export route: `GET /queues/<queueId>/export?format=…&filter=…&url=…`, with the header
 * `X-Headlock-Export: 1` (which a link or form on another site cannot send). The session cookie names
 * the target; the token never appears in the URL.
 */
export const EXPORT_HEADER = 'x-headlock-export';
/** Response header: the queue's request count when the export started (for a progress bar). */
export const EXPORT_TOTAL_HEADER = 'x-headlock-total';

/** The CSV columns, in order (README: Export). userData and errorMessages are JSON text. */
export const CSV_COLUMNS = [
  'id',
  'uniqueKey',
  'url',
  'method',
  'retryCount',
  'handledAt',
  'errorCount',
  'lastError',
  'errorMessages',
  'noRetry',
  'loadedUrl',
  'userData',
  'lockExpiresAt',
] as const;
