import { EmulatorError } from '../errors';
import type { EmulatorStore } from '../store';
import { readJsonBody } from './body';
import { assertLoopbackHost, assertToken } from './guard';
import { Query } from './params';
import { errorResponse } from './respond';
import { type Route, routes } from './routes';

export interface EmulatorHandlerOptions {
  store: EmulatorStore;
  /** The bearer token every call must carry. */
  token: string;
  /** The path under which `/v2/...` is served, e.g. `/emulator` in Next or `` standalone. */
  basePath: string;
}

export type EmulatorHandler = (request: Request) => Promise<Response>;

function match(segments: string[]): { route: Route; queue: string; request: string } | undefined {
  for (const route of routes) {
    if (route.path.length !== segments.length) continue;
    let queue = '';
    let request = '';
    const matches = route.path.every((part, i) => {
      const segment = segments[i] as string;
      if (part === ':queue') queue = segment;
      else if (part === ':request') request = segment;
      else return part === segment;
      return true;
    });
    if (matches) return { route, queue, request };
  }
  return undefined;
}

/** The emulator as a fetch-style handler: mounted by Next's route and by the standalone server. */
export function createEmulatorHandler({ store, token, basePath }: EmulatorHandlerOptions): EmulatorHandler {
  const prefix = `${basePath}/v2/`;
  return async (request) => {
    try {
      assertLoopbackHost(request);
      const url = new URL(request.url);
      assertToken(request, url, token);
      if (!url.pathname.startsWith(prefix)) throw notFound(url.pathname);
      const found = match(decodeSegments(url.pathname.slice(prefix.length).replace(/\/$/, '')));
      if (!found) throw notFound(url.pathname);
      // The platform honours ?method= as an override (for clients that can only send GET).
      const method = (url.searchParams.get('method') ?? request.method).toUpperCase();
      const handle = found.route.methods[method];
      if (!handle) {
        const allowed = Object.keys(found.route.methods).join(', ');
        throw new EmulatorError(
          405,
          'method-not-allowed',
          `This API end-point can only be accessed using the following HTTP methods: ${allowed}`,
          { allow: allowed },
        );
      }
      return await handle({
        store,
        query: new Query(url.searchParams),
        queue: found.queue,
        request: found.request,
        body: () => readJsonBody(request),
      });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

function decodeSegments(path: string): string[] {
  try {
    return path.split('/').map(decodeURIComponent);
  } catch {
    return [];
  }
}

const notFound = (path: string) => new EmulatorError(404, 'page-not-found', `There is no API end-point at ${path}`);
