// What the store returns: the API's `data`, shaped and named as apify-client's request-queue types
// (apify-client 2.25.0), mirrored here so the emulator does not depend on the client. Dates are ISO
// strings, as sent on the wire (apify-client parses them into Date), and a field is typed as the
// emulator actually sends it where the client's type says otherwise.

/** The platform's `PaginatedList<RequestQueue> & { unnamed }`. */
export interface RequestQueueCollectionListResult {
  total: number;
  offset: number;
  limit: number;
  count: number;
  desc: boolean;
  unnamed: boolean;
  items: RequestQueue[];
}

export interface RequestQueue {
  id: string;
  /** `null` for an unnamed queue, as the API sends it. */
  name: string | null;
  userId: string;
  username: string;
  createdAt: string;
  modifiedAt: string;
  accessedAt: string;
  totalRequestCount: number;
  handledRequestCount: number;
  pendingRequestCount: number;
  hadMultipleClients: boolean;
  consoleUrl: string;
  generalAccess?: string;
  stats: RequestQueueStats;
}

export interface RequestQueueStats {
  writeCount: number;
  deleteCount: number;
}

/** `getOrCreate` answers 201 for a new queue and 200 for an existing one. */
export interface GetOrCreateQueueResult {
  queue: RequestQueue;
  created: boolean;
}

/**
 * A stored request, as getRequest and listRequests return it (apify-client types getRequest's answer as a
 * list item). It carries every field the caller gave, unvalidated: those are `unknown` here.
 */
export interface RequestQueueClientRequestSchema {
  id: string;
  uniqueKey: string;
  url: string;
  method: string;
  retryCount: number;
  /** Absent while pending. */
  handledAt?: string;
  /** Present while locked. */
  lockExpiresAt?: string;
  /** Present while locked; `null` when the lock was taken without clientKey. */
  lockByClient?: string | null;
  /** Everything else the caller sent: userData, headers, payload, errorMessages, … */
  [field: string]: unknown;
}

export interface RequestQueueClientListRequestsResult {
  limit: number;
  exclusiveStartId?: string;
  cursor?: string;
  nextCursor?: string;
  items: RequestQueueClientRequestSchema[];
}

export interface RequestQueueClientAddRequestResult {
  requestId: string;
  wasAlreadyPresent: boolean;
  wasAlreadyHandled: boolean;
}

export interface ProcessedRequest extends RequestQueueClientAddRequestResult {
  uniqueKey: string;
}

export interface UnprocessedRequest {
  uniqueKey: string;
  url: string;
  method?: string;
}

export interface RequestQueueClientBatchRequestsOperationResult {
  processedRequests: ProcessedRequest[];
  /** Always empty: the emulator has no rate limit or partial failure to report. */
  unprocessedRequests: UnprocessedRequest[];
}

/** An item of a batch delete: by ID or by uniqueKey (the ID is used when both are given). */
export type RequestQueueClientRequestToDelete =
  | { id: string; uniqueKey?: string }
  | { id?: undefined; uniqueKey: string };

export interface DeletedRequest {
  id: string;
  /** Absent when an item named only an ID that the queue does not hold. */
  uniqueKey?: string;
}

/**
 * apify-client types a batch delete's result as a batch add's; the API's BatchDeleteResult is this:
 * the deleted requests by ID, and the items left alone (locked by another client) as they were given.
 */
export interface RequestQueueClientBatchDeleteResult {
  processedRequests: DeletedRequest[];
  unprocessedRequests: RequestQueueClientRequestToDelete[];
}

export interface RequestQueueClientListItem {
  id: string;
  uniqueKey: string;
  url: string;
  method: string;
  retryCount: number;
  lockExpiresAt?: string;
}

export interface RequestQueueClientListHeadResult {
  limit: number;
  queueModifiedAt: string;
  hadMultipleClients: boolean;
  items: RequestQueueClientListItem[];
}

export interface RequestQueueClientListAndLockHeadResult extends RequestQueueClientListHeadResult {
  lockSecs: number;
  queueHasLockedRequests: boolean;
  /** Absent when the call carried no clientKey. */
  clientKey?: string;
}

export interface RequestQueueClientProlongRequestLockResult {
  lockExpiresAt: string;
}

export interface RequestQueueClientUnlockRequestsResult {
  unlockedCount: number;
}
