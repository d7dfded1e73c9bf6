import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { E2E_PORT } from './env';
import { type RawResponse, rawRequest } from './raw-http';

/** Server-action IDs from the build's manifest, by file and exported name. */
export function actionId(appDir: string, file: string, name: string): string {
  const manifest = JSON.parse(readFileSync(join(appDir, '.next', 'server', 'server-reference-manifest.json'), 'utf8'));
  const entries = Object.entries(manifest.node as Record<string, { filename?: string; exportedName?: string }>);
  const found = entries.find(([, entry]) => entry.filename === file && entry.exportedName === name);
  if (!found) throw new Error(`no server action ${name} from ${file} in the build`);
  return found[0];
}

/**
 * Calls a server action as React's client does — POST to a page with `Next-Action` and the arguments
 * as a JSON array — addressed to `host`, with the matching `Origin` a page served from there sends.
 */
export function callAction(
  id: string,
  args: unknown[],
  options: { host?: string; cookie?: string; headers?: Record<string, string>; port?: number } = {},
): Promise<RawResponse> {
  const host = options.host ?? `127.0.0.1:${options.port ?? E2E_PORT}`;
  return rawRequest({
    port: options.port,
    path: '/connect',
    method: 'POST',
    headers: {
      host,
      origin: `http://${host}`,
      'next-action': id,
      'content-type': 'text/plain;charset=UTF-8',
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
    body: JSON.stringify(args),
  });
}

/**
 * The rows of a flight payload by ID: `ID:<json>\n`, or `ID:T<hex byte length>,<text>` for a long
 * string the other rows refer to as `$ID` (it has no newline of its own, so rows cannot be split on one).
 */
function flightRows(body: string): Map<string, string> {
  const bytes = Buffer.from(body, 'utf8');
  const rows = new Map<string, string>();
  let at = 0;
  while (at < bytes.length) {
    const colon = bytes.indexOf(':', at);
    if (colon < 0) break;
    const id = bytes.subarray(at, colon).toString();
    if (bytes[colon + 1] === 'T'.charCodeAt(0)) {
      const comma = bytes.indexOf(',', colon);
      const end = comma + 1 + Number.parseInt(bytes.subarray(colon + 2, comma).toString(), 16);
      rows.set(id, bytes.subarray(comma + 1, end).toString());
      at = end;
    } else {
      const newline = bytes.indexOf('\n', colon);
      const end = newline < 0 ? bytes.length : newline;
      rows.set(id, bytes.subarray(colon + 1, end).toString());
      at = end + 1;
    }
  }
  return rows;
}

/** The action's return value: row 1 of the flight payload (long strings in it stay `$ID` references). */
export function actionResult(body: string): unknown {
  const row = flightRows(body).get('1');
  return row === undefined ? undefined : JSON.parse(row);
}

/** The `Set-Cookie` lines of an answer that set a session cookie (not the ones that clear it). */
export const sessionCookiesSet = (headers: IncomingHttpHeaders) =>
  (headers['set-cookie'] ?? []).filter(
    (cookie) => cookie.startsWith('headlock_session=') && !/max-age=0/i.test(cookie),
  );

/** The session cookie an action's answer sets, as a `Cookie` header value ('' when it sets none). */
export const sessionCookieFrom = (headers: IncomingHttpHeaders) => sessionCookiesSet(headers)[0]?.split(';')[0] ?? '';
