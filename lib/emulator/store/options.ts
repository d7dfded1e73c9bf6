import type { RequestFilter } from '../../api-contract';

export interface StoreOptions {
  /** Milliseconds since the epoch; injected so lock expiry is testable without sleeping. */
  now?: () => number;
  /** Where the dashboard shows a queue (the API's `consoleUrl`). */
  consoleUrl?: (queueId: string) => string;
}

/** `undefined` is the anonymous client: every call without a key counts as a new client. */
export type ClientKey = string | undefined;

export interface ClientOptions {
  clientKey?: string;
}
export interface ForefrontOptions extends ClientOptions {
  forefront?: boolean;
}

export interface ListQueuesOptions {
  offset: number;
  limit: number;
  desc: boolean;
  unnamed: boolean;
}
export interface QueueChanges {
  name?: string | null;
  generalAccess?: string | null;
}

export interface ListRequestsOptions extends ClientOptions {
  limit: number;
  cursor?: string;
  exclusiveStartId?: string;
  filter?: RequestFilter[];
}

export interface ListHeadOptions extends ClientOptions {
  limit: number;
}
export interface ListAndLockHeadOptions extends ListHeadOptions {
  lockSecs: number;
}
export interface ProlongLockOptions extends ForefrontOptions {
  lockSecs: number;
}
