// The store's rows, one type per shape a statement returns; column names as in `db.ts`.

/** How many clients a queue has seen (its `client_state` column), for the API's `hadMultipleClients`. */
export const ClientState = {
  /** No call that registers a client has reached the queue yet. */
  NoClient: 0,
  /** Exactly one client so far, kept in `first_client` (NULL when it was a call without clientKey). */
  OneClient: 1,
  /** More than one: `hadMultipleClients` is true from then on. */
  MultipleClients: 2,
} as const;
export type ClientState = (typeof ClientState)[keyof typeof ClientState];

/** A row of `queues`. */
export interface QueueRow {
  id: string;
  name: string | null;
  created_at: number;
  modified_at: number;
  accessed_at: number;
  total_count: number;
  handled_count: number;
  write_count: number;
  delete_count: number;
  client_state: ClientState;
  first_client: string | null;
  general_access: string | null;
  next_seq: number;
}

/** A row of `requests` (without `queue_id`, which every query already names). */
export interface RequestRow {
  id: string;
  unique_key: string;
  url: string;
  method: string;
  retry_count: number;
  handled_at: string | null;
  order_no: number | null;
  order_seq: number;
  lock_client: string | null;
  extra: string;
}

/** A request still in the queue (pending or locked): its ordering key is never NULL. */
export type QueuedRequestRow = Omit<RequestRow, 'order_no'> & { order_no: number };

/** What the head query reads of a queued request. */
export type HeadRow = Pick<
  QueuedRequestRow,
  'id' | 'unique_key' | 'url' | 'method' | 'retry_count' | 'order_no' | 'order_seq'
>;
