import 'server-only';
import type { ApifyClient } from 'apify-client';
import type { TargetName } from '../types';
import type { CallLog } from './book';
import { currentCallLog } from './context';

// The API log's capture: every HTTP exchange apify-client makes, retries included, as the wire saw it.
// Only the method, the URL from the target's base URL on (no `token` parameter), the status, the time
// taken and the JSON body are read. Headers never are: the token travels in one.

type Wire = ApifyClient['httpClient']['axios'];
type WireConfig = Parameters<NonNullable<Parameters<Wire['interceptors']['request']['use']>[0]>>[0];

/** The target the client calls, as apify-client was given it. */
export interface CapturedTarget {
  name: TargetName;
  baseUrl: string;
  token: string;
}

/** How much of a request body the log keeps (enough for a curl of every call the dashboard makes). */
export const MAX_BODY_CHARS = 2048;

interface Sending {
  log: CallLog;
  startedAt: number;
  clock: number;
  body: string | null;
  bodyTruncated: boolean;
}

/** Writes `[token]` over every occurrence of the secret. */
const scrub = (text: string, secret: string) => (secret ? text.split(secret).join('[token]') : text);

/** The base URL without credentials or a trailing slash (what a curl is sent to). */
function publicBaseUrl(raw: string) {
  const url = new URL(raw);
  url.username = '';
  url.password = '';
  url.hash = '';
  return url.href.replace(/\/$/, '');
}

const paramName = (part: string) => {
  const name = part.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
};

/**
 * The path and query from the base URL's path on, the query kept exactly as sent but for any `token`
 * parameter (apify-client never sends one; dropped should that ever change).
 */
export function loggedPath(uri: string, baseUrl: string, token: string): { path: string; clientKey: string | null } {
  const url = new URL(uri);
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, '');
  const path = url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : url.pathname;
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((part) => part !== '' && paramName(part).toLowerCase() !== 'token')
    .join('&');
  const clientKey = new URLSearchParams(kept).get('clientKey');
  return { path: scrub(kept ? `${path}?${kept}` : path, token), clientKey: clientKey && scrub(clientKey, token) };
}

/** The request body as JSON text, cut at `MAX_BODY_CHARS` (never inside a surrogate pair). */
export function loggedBody(data: unknown, token: string): { body: string | null; bodyTruncated: boolean } {
  if (data === undefined || data === null || data instanceof Uint8Array) return { body: null, bodyTruncated: false };
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  if (typeof text !== 'string') return { body: null, bodyTruncated: false };
  const clean = scrub(text, token);
  if (clean.length <= MAX_BODY_CHARS) return { body: clean, bodyTruncated: false };
  let end = MAX_BODY_CHARS;
  const last = clean.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { body: clean.slice(0, end), bodyTruncated: true };
}

/**
 * Adds the API log's interceptors to one apify-client instance (once, when it is created). A call is
 * recorded to the session whose gateway call made it (`loggingTo`); outside one, nothing is kept.
 */
export function captureCalls(wire: Wire, target: CapturedTarget) {
  const sending = new WeakMap<object, Sending>();
  const baseUrl = publicBaseUrl(target.baseUrl);

  // Added last, so it runs first (axios runs request interceptors last-in first-out): the body is still
  // the object apify-client was given, before it is serialized and maybe compressed.
  wire.interceptors.request.use((config) => {
    const log = currentCallLog();
    if (log) {
      sending.set(config, {
        log,
        startedAt: Date.now(),
        clock: performance.now(),
        ...loggedBody(config.data, target.token),
      });
    }
    return config;
  });

  const finish = (config: WireConfig | undefined, status: number | null) => {
    const call = config && sending.get(config);
    if (!config || !call) return;
    sending.delete(config);
    const { path, clientKey } = loggedPath(wire.getUri(config), target.baseUrl, target.token);
    call.log.record({
      startedAt: call.startedAt,
      method: (config.method ?? 'get').toUpperCase(),
      path,
      status,
      durationMs: Math.round(performance.now() - call.clock),
      clientKey,
      target: target.name,
      baseUrl,
      body: call.body,
      bodyTruncated: call.bodyTruncated,
    });
  };

  wire.interceptors.response.use(
    (response) => {
      finish(response.config, response.status);
      return response;
    },
    (error: unknown) => {
      // A network error or timeout has a config and no response; a body that failed to parse, both.
      const failed = error as { config?: WireConfig; response?: { status?: number; config?: WireConfig } } | null;
      finish(failed?.config ?? failed?.response?.config, failed?.response?.status ?? null);
      return Promise.reject(error);
    },
  );
}
