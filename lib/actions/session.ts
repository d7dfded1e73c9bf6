'use server';

import type { z } from 'zod';
import {
  acknowledgeQueueInput,
  actAsInput,
  connectApifyInput,
  setClientKeyInput,
  setWritesArmedInput,
} from '../action-inputs';
import { verifyAccount } from '../apify/account';
import { fail, invalidInputError } from '../apify/errors';
import { apifyBaseUrl, emulatorTarget } from '../env';
import { endSession, getSession, sessionInfo, startSession } from '../session';
import type { ActionResult, SessionInfo } from '../types';
import { signedOut } from './context';

export async function getSessionAction(): Promise<ActionResult<SessionInfo | null>> {
  return { ok: true, data: sessionInfo(await getSession()) };
}

/** One click: the server uses the emulator's own token; writes start armed (it is local data). */
export async function connectEmulatorAction(): Promise<ActionResult<SessionInfo>> {
  const target = { name: 'local' as const, ...emulatorTarget() };
  const verified = await verifyAccount({ target, clientKey: '', writesArmed: false, acknowledges: () => false });
  if (!verified.ok) return verified;
  return { ok: true, data: await startSession('local', verified.data.username) };
}

/** Verifies a pasted Apify token with GET /v2/users/me; Apify sessions start read-only. */
export async function connectApifyAction(input: z.input<typeof connectApifyInput>): Promise<ActionResult<SessionInfo>> {
  const parsed = connectApifyInput.safeParse(input);
  if (!parsed.success) return fail(invalidInputError(parsed.error));
  const target = { name: 'apify' as const, baseUrl: apifyBaseUrl(), token: parsed.data.token };
  const verified = await verifyAccount({ target, clientKey: '', writesArmed: false, acknowledges: () => false });
  if (!verified.ok) {
    if (verified.error.code === 'unauthenticated') {
      return fail({
        code: 'unauthenticated',
        message: 'Apify refused this token. Check that you copied the whole API token.',
      });
    }
    return verified;
  }
  return { ok: true, data: await startSession('apify', verified.data.username, parsed.data.token) };
}

export async function disconnectAction(): Promise<ActionResult<null>> {
  endSession(await getSession());
  return { ok: true, data: null };
}

async function updateSession(change: (session: Awaited<ReturnType<typeof getSession>>) => void) {
  const session = await getSession();
  if (!sessionInfo(session)) return signedOut;
  change(session);
  await session.save();
  const info = sessionInfo(session);
  return info ? { ok: true as const, data: info } : signedOut;
}

export async function setClientKeyAction(input: z.input<typeof setClientKeyInput>): Promise<ActionResult<SessionInfo>> {
  const parsed = setClientKeyInput.safeParse(input);
  if (!parsed.success) return fail(invalidInputError(parsed.error));
  return updateSession((session) => {
    session.clientKey = parsed.data.clientKey;
    session.acknowledgedQueues = [];
    session.actingAs = undefined;
  });
}

/** Acts as another client on this one queue: its locks show as this page's, and can be released. */
export async function actAsClientAction(input: z.input<typeof actAsInput>): Promise<ActionResult<SessionInfo>> {
  const parsed = actAsInput.safeParse(input);
  if (!parsed.success) return fail(invalidInputError(parsed.error));
  return updateSession((session) => {
    session.actingAs = parsed.data.clientKey === session.clientKey ? undefined : parsed.data;
  });
}

export async function stopActingAction(): Promise<ActionResult<SessionInfo>> {
  return updateSession((session) => {
    session.actingAs = undefined;
  });
}

export async function setWritesArmedAction(
  input: z.input<typeof setWritesArmedInput>,
): Promise<ActionResult<SessionInfo>> {
  const parsed = setWritesArmedInput.safeParse(input);
  if (!parsed.success) return fail(invalidInputError(parsed.error));
  return updateSession((session) => {
    session.writesArmed = parsed.data.armed;
  });
}

/** The user accepted that reading this queue's head registers the session's clientKey. */
export async function acknowledgeQueueAction(
  input: z.input<typeof acknowledgeQueueInput>,
): Promise<ActionResult<SessionInfo>> {
  const parsed = acknowledgeQueueInput.safeParse(input);
  if (!parsed.success) return fail(invalidInputError(parsed.error));
  return updateSession((session) => {
    const known = new Set(session.acknowledgedQueues ?? []);
    known.add(parsed.data.queueId);
    session.acknowledgedQueues = [...known].slice(-50);
  });
}
