import 'server-only';
import { randomBytes } from 'node:crypto';
import { getIronSession, type SessionOptions } from 'iron-session';
import { cookies } from 'next/headers';
import { apiLogBook } from './api-log/book';
import { sessionSecret } from './env';
import { sessionRegistry } from './session-registry';
import type { ActingAs, SessionInfo, TargetName } from './types';

export interface SessionData {
  /** Registered server-side: a cookie whose ID is no longer live (logged out, refused) is signed out. */
  sessionId?: string;
  target?: TargetName;
  /** The user's Apify token; only for the `apify` target. Never leaves the server. */
  apifyToken?: string;
  username?: string;
  clientKey?: string;
  writesArmed?: boolean;
  /** Queues on which the user accepted that reading the head registers this client. */
  acknowledgedQueues?: string[];
  /** Acting as another client on one queue (never the others); ended when the user leaves that queue. */
  actingAs?: ActingAs;
}

export const SESSION_COOKIE = 'headlock_session';
const EIGHT_HOURS = 8 * 60 * 60;

function sessionOptions(): SessionOptions {
  return {
    password: sessionSecret(),
    cookieName: SESSION_COOKIE,
    // iron-session 8 writes a negative Max-Age when ttl ≤ 60 s: keep it well above.
    ttl: EIGHT_HOURS,
    cookieOptions: {
      httpOnly: true,
      sameSite: 'strict',
      secure: process.env.NODE_ENV === 'production',
      path: '/',
    },
  };
}

/** The sealed session; a tampered, expired or revoked cookie reads as an empty session. */
export async function getSession() {
  const session = await getIronSession<SessionData>(await cookies(), sessionOptions());
  if (!sessionRegistry().isLive(session.sessionId)) {
    // Emptied in memory only: pages may not set cookies, and the next save replaces the cookie anyway.
    for (const key of Object.keys(session)) delete session[key as keyof SessionData];
  }
  return session;
}

/** Ends a session ID on the server: a copy of its cookie kept elsewhere is signed out, its API log goes. */
function retireSessionId(sessionId: string | undefined) {
  sessionRegistry().revoke(sessionId);
  apiLogBook().drop(sessionId);
}

/** Logs out: the session's ID is retired on the server, and the cookie is cleared. */
export function endSession(session: Awaited<ReturnType<typeof getSession>>) {
  retireSessionId(session.sessionId);
  session.destroy();
}

const newClientKey = () => `headlock-${randomBytes(6).toString('base64url').replace(/[-_]/g, 'x')}`;

/**
 * A fresh session for a verified target: a new clientKey, nothing acknowledged yet; writes start
 * armed on the local emulator and read-only on Apify.
 */
export async function startSession(target: TargetName, username: string, apifyToken?: string): Promise<SessionInfo> {
  const session = await getSession();
  retireSessionId(session.sessionId);
  session.sessionId = sessionRegistry().register(EIGHT_HOURS);
  session.target = target;
  session.apifyToken = target === 'apify' ? apifyToken : undefined;
  session.username = username;
  session.clientKey = newClientKey();
  session.writesArmed = target === 'local';
  session.acknowledgedQueues = [];
  session.actingAs = undefined;
  await session.save();
  const info = sessionInfo(session);
  if (!info) throw new Error('a started session lacks its target, username or clientKey');
  return info;
}

/** What the browser may know of its session: no token. */
export function sessionInfo(data: SessionData): SessionInfo | null {
  if (!data.target || !data.clientKey || !data.username) return null;
  return {
    target: data.target,
    username: data.username,
    clientKey: data.clientKey,
    writesArmed: data.writesArmed ?? false,
    acknowledgedQueues: data.acknowledgedQueues ?? [],
    actingAs: data.actingAs ?? null,
  };
}
