import { timingSafeEqual } from 'node:crypto';
import { EmulatorError } from '../errors';

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d{1,5})?$/i;

/** Refuses calls whose Host is not loopback (a DNS-rebinding page cannot name our port). */
export function assertLoopbackHost(request: Request): void {
  const host = request.headers.get('host') ?? '';
  if (!LOOPBACK_HOST.test(host)) {
    throw new EmulatorError(
      403,
      'insufficient-permissions',
      'The emulator only answers requests addressed to a loopback host (127.0.0.1, localhost or [::1])',
    );
  }
}

/** Every call needs `Authorization: Bearer <token>`; `?token=` is not accepted. */
export function assertToken(request: Request, url: URL, token: string): void {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match?.[1]) {
    const hint = url.searchParams.has('token') ? ' (the token query parameter is not accepted; use the header)' : '';
    throw new EmulatorError(401, 'token-not-provided', `Authentication token was not provided${hint}`);
  }
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new EmulatorError(401, 'token-not-valid', 'Authentication token is not valid');
  }
}
