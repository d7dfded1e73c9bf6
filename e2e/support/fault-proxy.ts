// Plays api.apify.com for the dashboard's "Apify" target in the browser tests: it forwards every call
// to a standalone emulator (which answers as Apify does) unless a test has scripted a fault for calls
// whose path contains a given string (a queue ID, say): a 429, 401, 500 or no answer at all.
// Control, for the tests only: POST /__faults {match, status?, type?, hang?, times?}, DELETE /__faults?match=…,
// GET /__faults/log?match=… (the calls seen, with their times).
import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';

interface Fault {
  match: string;
  status?: number;
  type?: string;
  hang?: boolean;
  /** How many calls it answers; unset = all of them. */
  times?: number;
}
interface Seen {
  method: string;
  path: string;
  at: number;
  faulted: boolean;
}

const port = Number(process.env.FAULT_PROXY_PORT);
const upstreamPort = Number(process.env.FAULT_PROXY_UPSTREAM_PORT);
let faults: Fault[] = [];
const seen: Seen[] = [];
const hanging = new Set<ServerResponse>();

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function control(req: IncomingMessage, res: ServerResponse, url: URL) {
  if (req.method === 'POST') {
    faults.push(JSON.parse((await readBody(req)).toString('utf8')) as Fault);
    return json(res, 201, { faults });
  }
  const match = url.searchParams.get('match') ?? '';
  if (req.method === 'DELETE') {
    faults = faults.filter((fault) => fault.match !== match);
    return json(res, 200, { faults });
  }
  return json(res, 200, { seen: seen.filter((call) => call.path.includes(match)) });
}

function answerWithFault(res: ServerResponse, fault: Fault) {
  if (fault.hang) {
    hanging.add(res);
    return;
  }
  const status = fault.status ?? 500;
  json(res, status, { error: { type: fault.type ?? 'internal-server-error', message: `Scripted fault ${status}` } });
}

function proxy(req: IncomingMessage, res: ServerResponse, body: Buffer) {
  const upstream = forward(
    { host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => json(res, 502, { error: { type: 'bad-gateway', message: 'upstream emulator failed' } }));
  upstream.end(body);
}

createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname.startsWith('/__faults')) return control(req, res, url);
  const body = await readBody(req);
  const fault = faults.find((candidate) => url.pathname.includes(candidate.match) && candidate.times !== 0);
  seen.push({ method: req.method ?? 'GET', path: url.pathname, at: Date.now(), faulted: fault !== undefined });
  if (!fault) return proxy(req, res, body);
  if (fault.times !== undefined) fault.times -= 1;
  answerWithFault(res, fault);
}).listen(port, '127.0.0.1');

process.on('SIGTERM', () => {
  for (const res of hanging) res.destroy();
  process.exit(0);
});
