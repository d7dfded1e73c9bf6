'use server';

import { apiLogBook } from '../api-log/book';
import { apiLogOf } from '../api-log/present';
import { getSession, sessionInfo } from '../session';
import type { ActionResult, ApiLog } from '../types';
import { signedOut } from './context';

/** The signed-in session's ID, which keys its API log (server-side only, never sent to the browser). */
async function signedInSessionId() {
  const session = await getSession();
  return sessionInfo(session) && session.sessionId ? session.sessionId : null;
}

/** This session's gateway calls, newest first, each with its curl command (token as `$APIFY_TOKEN`). */
export async function getApiLogAction(): Promise<ActionResult<ApiLog>> {
  const sessionId = await signedInSessionId();
  if (!sessionId) return signedOut;
  return { ok: true, data: apiLogOf(sessionId) };
}

/** Empties this session's API log. */
export async function clearApiLogAction(): Promise<ActionResult<null>> {
  const sessionId = await signedInSessionId();
  if (!sessionId) return signedOut;
  apiLogBook().clear(sessionId);
  return { ok: true, data: null };
}
