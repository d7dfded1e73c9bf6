'use server';

import type { z } from 'zod';
import { actAsInput, connectApifyInput, queueInput, setClientKeyInput, setWritesArmedInput } from '../action-inputs';
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

type Session = Awaited<ReturnType<typeof getSession>>;

/** Changes the signed-in session and saves it. */
async function changeSession(change: (session: Session) => void): Promise<ActionResult<SessionInfo>> {
  const session = await getSession();
  if (!sessionInfo(session)) return signedOut;
  change(session);
  await session.save();
  const info = sessionInfo(session);
  return info ? { ok: true, data: info } : signedOut;
}

/** Validates the input, then changes the signed-in session with it. */
async function changeSessionWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  change: (session: Session, args: z.output<S>) => void,
): Promise<ActionResult<SessionInfo>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return fail(invalidInputError(parsed.error));
  return changeSession((session) => change(session, parsed.data));
}

export async function setClientKeyAction(input: z.input<typeof setClientKeyInput>): Promise<ActionResult<SessionInfo>> {
  return changeSessionWith(setClientKeyInput, input, (session, { clientKey }) => {
    session.clientKey = clientKey;
    session.acknowledgedQueues = [];
    session.actingAs = undefined;
  });
}

/** Acts as another client on this one queue: its locks show as this page's, and can be released. */
export async function actAsClientAction(input: z.input<typeof actAsInput>): Promise<ActionResult<SessionInfo>> {
  return changeSessionWith(actAsInput, input, (session, actingAs) => {
    session.actingAs = actingAs.clientKey === session.clientKey ? undefined : actingAs;
  });
}

export async function stopActingAction(): Promise<ActionResult<SessionInfo>> {
  return changeSession((session) => {
    session.actingAs = undefined;
  });
}

export async function setWritesArmedAction(
  input: z.input<typeof setWritesArmedInput>,
): Promise<ActionResult<SessionInfo>> {
  return changeSessionWith(setWritesArmedInput, input, (session, { armed }) => {
    session.writesArmed = armed;
  });
}

/** The user accepted that reading this queue's head registers the session's clientKey. */
export async function acknowledgeQueueAction(input: z.input<typeof queueInput>): Promise<ActionResult<SessionInfo>> {
  return changeSessionWith(queueInput, input, (session, { queueId }) => {
    const known = new Set(session.acknowledgedQueues ?? []);
    known.add(queueId);
    session.acknowledgedQueues = [...known].slice(-50);
  });
}
