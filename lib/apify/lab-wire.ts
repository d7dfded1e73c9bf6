import 'server-only';
import type { CallLog, WireCallDraft } from '../api-log/book';
import { currentCallLog, loggingTo } from '../api-log/context';
import type { LabWireCall } from '../lab/types';

// A lab step shows the audience the HTTP exchanges it made: they are captured as the API log sees
// them (no header, no token), and still go to the session's own API log, with the IDs it gives them.

function toLabWireCall(draft: WireCallDraft, id: number): LabWireCall {
  return {
    id,
    method: draft.method,
    path: draft.path,
    status: draft.status,
    startedAt: new Date(draft.startedAt).toISOString(),
    durationMs: draft.durationMs,
    clientKey: draft.clientKey,
  };
}

/**
 * Runs `step` with every HTTP call it makes recorded both to the session's log (when there is one)
 * and to `calls`, in the order they finished. Outside a session (tests) the calls are numbered from 1.
 */
export function capturingCalls<T>(calls: LabWireCall[], step: () => Promise<T>): Promise<T> {
  const session = currentCallLog();
  const tee: CallLog = {
    record: (draft) => {
      const kept = session?.record(draft);
      calls.push(toLabWireCall(draft, kept?.id ?? calls.length + 1));
      return kept;
    },
  };
  return loggingTo(tee, step);
}
