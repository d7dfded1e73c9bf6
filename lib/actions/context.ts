import 'server-only';
import { apiLogBook } from '../api-log/book';
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

/**
 * Runs a gateway call for the signed-in session, its HTTP calls recorded to the session's API log; a
 * refused token ends the session.
 */
export async function withGateway<T>(run: (ctx: GatewayContext) => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  const session = await getSession();
  const target = targetFor(session);
  const { clientKey, sessionId } = session;
  if (!target || !clientKey || !sessionId) return signedOut;
  const acknowledged = new Set(session.acknowledgedQueues ?? []);
  const recorder = serverRecorder();
  const result = await loggingTo(apiLogBook().callLogFor(sessionId), () =>
    run({
      target,
      clientKey,
      writesArmed: session.writesArmed === true,
      actingAs: session.actingAs ?? null,
      acknowledges: (queueId) => acknowledged.has(queueId),
      recording: recorder && session.username ? { recorder, account: session.username } : null,
      labs: session.username ? { registry: serverLabRegistry(), account: session.username } : null,
    }),
  );
  if (!result.ok && result.error.code === 'unauthenticated') endSession(session);
  return result;
}
