import 'server-only';
import { lastErrorOf } from '../inspect/last-error';
import type { ViewFacts } from '../inspect/scan-match';
import type { ScanRow } from '../inspect/types';
import type { HeadItem, LockedItem, QueueSummary, RequestDetail } from '../types';

// apify-client hands back Dates for `*At` fields and its own types; the UI gets plain DTOs.
type Loose = Record<string, unknown>;

const iso = (value: unknown): string => {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  return new Date(0).toISOString();
};
const isoOrNull = (value: unknown): string | null => (value == null ? null : iso(value));
const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

export function toQueueSummary(raw: unknown): QueueSummary {
  const q = raw as Loose;
  return {
    id: text(q.id),
    name: typeof q.name === 'string' ? q.name : null,
    username: typeof q.username === 'string' ? q.username : null,
    createdAt: iso(q.createdAt),
    modifiedAt: iso(q.modifiedAt),
    accessedAt: iso(q.accessedAt),
    totalRequestCount: count(q.totalRequestCount),
    handledRequestCount: count(q.handledRequestCount),
    pendingRequestCount: count(q.pendingRequestCount),
    hadMultipleClients: q.hadMultipleClients === true,
  };
}

export function toHeadItem(raw: unknown): HeadItem {
  const r = raw as Loose;
  return {
    id: text(r.id),
    uniqueKey: text(r.uniqueKey),
    url: text(r.url),
    method: text(r.method, 'GET'),
    retryCount: count(r.retryCount),
  };
}

export function toLockedItem(raw: unknown): LockedItem {
  return { ...toHeadItem(raw), lockExpiresAt: iso((raw as Loose).lockExpiresAt) };
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).map(([name, v]) => [name, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
}

export function toRequestDetail(raw: unknown): RequestDetail {
  const r = raw as Loose;
  return {
    ...toHeadItem(r),
    handledAt: isoOrNull(r.handledAt),
    loadedUrl: typeof r.loadedUrl === 'string' ? r.loadedUrl : null,
    noRetry: r.noRetry === true,
    payload: typeof r.payload === 'string' ? r.payload : r.payload == null ? null : JSON.stringify(r.payload),
    userData: r.userData ?? {},
    headers: stringRecord(r.headers),
    errorMessages: Array.isArray(r.errorMessages) ? r.errorMessages.map((m) => String(m)) : [],
    lockExpiresAt: isoOrNull(r.lockExpiresAt),
    lockByClient: typeof r.lockByClient === 'string' ? r.lockByClient : null,
  };
}

const epochMs = (value: unknown): number | null => {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') return Date.parse(value);
  return null;
};

/** What a view is decided on, read off a request as the API returned it without building a row. */
export function viewFacts(raw: unknown): ViewFacts {
  const r = raw as Loose;
  return {
    url: text(r.url),
    retryCount: count(r.retryCount),
    errorCount: Array.isArray(r.errorMessages) ? r.errorMessages.length : 0,
    handled: r.handledAt != null,
    lockExpiresMs: epochMs(r.lockExpiresAt),
  };
}

export function toScanRow(raw: unknown): ScanRow {
  const r = raw as Loose;
  return {
    ...toHeadItem(r),
    handledAt: isoOrNull(r.handledAt),
    errorCount: Array.isArray(r.errorMessages) ? r.errorMessages.length : 0,
    lastError: lastErrorOf(r.errorMessages),
    lockExpiresAt: isoOrNull(r.lockExpiresAt),
  };
}
