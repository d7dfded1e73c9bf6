import { NextResponse } from 'next/server';
import { parseAllowedHosts, requestHostsAllowed } from './allowed-hosts';

interface GuardEnv {
  HEADLOCK_ALLOWED_HOSTS?: string;
  NODE_ENV?: string;
}

/** What the proxy does with every request before any page, action or route sees it. */
export function guardRequest(request: Request, env: GuardEnv = process.env): Response {
  if (!requestHostsAllowed(request.headers, parseAllowedHosts(env.HEADLOCK_ALLOWED_HOSTS))) {
    return misdirected();
  }
  return NextResponse.next();
}

function misdirected(): Response {
  return new Response(
    'Misdirected request: this server does not answer for that host name. To serve it under another name, add the name to HEADLOCK_ALLOWED_HOSTS.\n',
    { status: 421, headers: { 'content-type': 'text/plain; charset=utf-8' } },
  );
}
