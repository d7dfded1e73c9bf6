import type { QueueHead, QueueSummary, RequestDetail } from '../types';
import { HEAD_IDS_KEPT, type RetriedRequest, type Sample } from './history';

/** What one poll of the queue page read, as the gateway reshaped it. */
export interface SnapshotRead {
  queue: QueueSummary;
  head: QueueHead;
  /** Every lock read (by any client), with its holder and expiry. */
  locks: RequestDetail[];
  locksTruncated: boolean;
  serverNow: string;
}

/** The recorder's sample of one snapshot: what the history needs, nothing the page alone needs. */
export function sampleOf(read: SnapshotRead): Sample {
  const locks = read.locks.flatMap((lock) =>
    lock.lockExpiresAt === null
      ? []
      : [{ id: lock.id, holder: lock.lockByClient, expiresAt: Date.parse(lock.lockExpiresAt) }],
  );
  const retried = new Map<string, RetriedRequest>();
  for (const item of read.head.items) {
    if (item.retryCount > 0)
      retried.set(item.id, { id: item.id, url: item.url, retryCount: item.retryCount, lastError: null });
  }
  for (const lock of read.locks) {
    if (lock.retryCount > 0) {
      retried.set(lock.id, {
        id: lock.id,
        url: lock.url,
        retryCount: lock.retryCount,
        lastError: lock.errorMessages.at(-1) ?? null,
      });
    }
  }
  return {
    at: Date.parse(read.serverNow),
    total: read.queue.totalRequestCount,
    handled: read.queue.handledRequestCount,
    pending: read.queue.pendingRequestCount,
    locks,
    locksTruncated: read.locksTruncated,
    head: read.head.items.slice(0, HEAD_IDS_KEPT).map((item) => item.id),
    headCount: read.head.items.length,
    headComplete: read.head.items.length < read.head.limit,
    hadMultipleClients: read.head.hadMultipleClients || read.queue.hadMultipleClients,
    queueModifiedAt: Date.parse(read.head.queueModifiedAt),
    retried: [...retried.values()],
  };
}
