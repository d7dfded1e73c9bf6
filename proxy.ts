import type { NextRequest } from 'next/server';
import { guardRequest } from './lib/security/guard-request';

// Every request but the emulator's API: pages, server actions, static files, 404s.
export function proxy(request: NextRequest) {
  return guardRequest(request);
}

export const config = {
  // The emulator refuses non-loopback Hosts itself and its route adds the headers: a proxy call
  // there would cost about as much as the API call it guards (measured: ~40% fewer calls/s).
  matcher: ['/((?!emulator/v2/).*)'],
};
