import { QUEUE_ID_PATTERN, QUEUE_NAME_REF_PATTERN } from '../api-contract';
import type { RequestQueue } from './store/results';
import { ClientState, type QueueRow } from './store/rows';

/** The emulator's single user; `~name` and `local~name` address its queues. */
export const LOCAL_USER = { id: 'HeadlockLocalUser', username: 'local' } as const;

export type QueueTarget = { kind: 'id'; id: string } | { kind: 'name'; name: string } | { kind: 'none' };

/** `ID`, `~name` or `username~name`; a bare name is not an ID and matches nothing (as on the platform). */
export function resolveQueueRef(ref: string): QueueTarget {
  if (QUEUE_ID_PATTERN.test(ref)) return { kind: 'id', id: ref };
  const match = QUEUE_NAME_REF_PATTERN.exec(ref);
  if (!match?.[2]) return { kind: 'none' };
  const username = match[1] ?? '';
  if (username !== '' && username !== LOCAL_USER.username && username !== LOCAL_USER.id) return { kind: 'none' };
  return { kind: 'name', name: match[2] };
}

export function queueToJson(row: QueueRow, consoleUrl: string): RequestQueue {
  return {
    id: row.id,
    name: row.name,
    userId: LOCAL_USER.id,
    username: LOCAL_USER.username,
    createdAt: new Date(row.created_at).toISOString(),
    modifiedAt: new Date(row.modified_at).toISOString(),
    accessedAt: new Date(row.accessed_at).toISOString(),
    totalRequestCount: row.total_count,
    handledRequestCount: row.handled_count,
    pendingRequestCount: row.total_count - row.handled_count,
    hadMultipleClients: row.client_state === ClientState.MultipleClients,
    consoleUrl,
    ...(row.general_access === null ? {} : { generalAccess: row.general_access }),
    stats: { writeCount: row.write_count, deleteCount: row.delete_count },
  };
}
