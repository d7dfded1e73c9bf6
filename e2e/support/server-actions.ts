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

/** The action's return value: row 1 of the flight payload. */
export function actionResult(body: string): unknown {
  const row = body.split('\n').find((line) => line.startsWith('1:'));
  return row ? JSON.parse(row.slice(2)) : undefined;
}

/** The session cookie an action's answer sets, as a `Cookie` header value ('' when it sets none). */
export const sessionCookieFrom = (headers: IncomingHttpHeaders) =>
  (headers['set-cookie'] ?? [])
    .find((cookie) => cookie.startsWith('headlock_session=') && !/max-age=0/i.test(cookie))
    ?.split(';')[0] ?? '';
