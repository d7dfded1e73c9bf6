import 'server-only';
import { apiLogBook, type CallLog } from '../api-log/book';
import { loggingTo } from '../api-log/context';
import type { Target } from '../apify/client';
import type { GatewayContext } from '../apify/gateway';
import { serverLabRegistry } from '../apify/lab-registry';
import { apifyBaseUrl, emulatorTarget } from '../env';
import { serverRecorder } from '../recorder/instance';
import { endSession, getSession, type SessionData } from '../session';
import type { ActionResult } from '../types';

/** The target a session names; the URL and token come from the server, never the browser. */
export function targetFor(session: SessionData): Target | null {
  if (session.target === 'local') return { name: 'local', ...emulatorTarget() };
  if (session.target === 'apify' && session.apifyToken) {
    return { name: 'apify', baseUrl: apifyBaseUrl(), token: session.apifyToken };
  }
  return null;
}

export const signedOut = {
  ok: false as const,
  error: { code: 'unauthenticated' as const, message: 'You are not connected. Choose a target on the connect page.' },
};

/** The gateway context of a signed-in session, and the API log its HTTP calls go to; null when signed out. */
export function gatewayContextFor(session: SessionData): { ctx: GatewayContext; callLog: CallLog } | null {
  const target = targetFor(session);
  const { clientKey, sessionId } = session;
  if (!target || !clientKey || !sessionId) return null;
  const acknowledged = new Set(session.acknowledgedQueues ?? []);
  const recorder = serverRecorder();
  return {
    ctx: {
      target,
      clientKey,
      writesArmed: session.writesArmed === true,
      actingAs: session.actingAs ?? null,
      acknowledges: (queueId) => acknowledged.has(queueId),
      recording: recorder && session.username ? { recorder, account: session.username } : null,
      labs: session.username ? { registry: serverLabRegistry(), account: session.username } : null,
    },
    callLog: apiLogBook().callLogFor(sessionId),
  };
}

/** A refused token ends the session: its cookie is cleared and its ID retired. */
export function endSessionOnRefusal(session: Awaited<ReturnType<typeof getSession>>, result: ActionResult<unknown>) {
  if (!result.ok && result.error.code === 'unauthenticated') endSession(session);
}

/**
 * Runs a gateway call for the signed-in session, its HTTP calls recorded to the session's API log; a
 * refused token ends the session.
 */
export async function withGateway<T>(run: (ctx: GatewayContext) => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  const session = await getSession();
  const context = gatewayContextFor(session);
  if (!context) return signedOut;
  const result = await loggingTo(context.callLog, () => run(context.ctx));
  endSessionOnRefusal(session, result);
  return result;
}
