import type { NextRequest } from 'next/server';
import { guardRequest } from './lib/security/guard-request';

// No matcher: every request, static files and the emulator's API included, goes through the guard.
export function proxy(request: NextRequest) {
  return guardRequest(request);
}
