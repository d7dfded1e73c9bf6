import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { EmulatorHandler } from './http/handler';

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  // The URL's origin is fixed; the Host header the client sent is kept for the loopback check.
  return new Request(new URL(req.url ?? '/', 'http://127.0.0.1'), {
    method: req.method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
  } as RequestInit);
}

async function send(res: ServerResponse, response: Response) {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Serves the emulator handler with plain node:http (for `npm run emulator` and benchmarks). */
export function serveEmulator(handler: EmulatorHandler, port: number, host = '127.0.0.1'): Promise<Server> {
  const server = createServer((req, res) => {
    handler(toRequest(req))
      .then((response) => send(res, response))
      .catch((error) => {
        console.error('[emulator] failed to answer:', error);
        res.destroy();
      });
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolvePromise(server));
  });
}
