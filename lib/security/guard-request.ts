import { NextResponse } from 'next/server';
import { parseAllowedHosts, requestHostsAllowed } from './allowed-hosts';
import { contentSecurityPolicy, newNonce, securityHeaders, withSecurityHeaders } from './headers';

interface GuardEnv {
  HEADLOCK_ALLOWED_HOSTS?: string;
  NODE_ENV?: string;
}

/** What the proxy does with a request before any page or server action sees it. */
export function guardRequest(request: Request, env: GuardEnv = process.env): Response {
  const csp = contentSecurityPolicy(newNonce(), env.NODE_ENV === 'development');
  if (!requestHostsAllowed(request.headers, parseAllowedHosts(env.HEADLOCK_ALLOWED_HOSTS))) {
    return misdirected(csp);
  }
  // Next.js reads the nonce from the policy in the *request* headers when it renders the page.
  const forwarded = new Headers(request.headers);
  forwarded.set('content-security-policy', csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers: forwarded } }), csp);
}

function misdirected(csp: string): Response {
  return new Response(
    'Misdirected request: this server does not answer for that host name. To serve it under another name, add the name to HEADLOCK_ALLOWED_HOSTS.\n',
    { status: 421, headers: { ...securityHeaders(csp), 'content-type': 'text/plain; charset=utf-8' } },
  );
}
