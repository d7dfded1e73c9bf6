import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import { EmulatorError, invalidInput, invalidRequest } from '../errors';

/** The platform's MAX_PAYLOAD_SIZE_BYTES, checked after decompression. */
export const MAX_BODY_BYTES = 9 * 1024 * 1024;

/**
 * How deep arrays and objects may nest in a body. JSON.stringify is recursive and overflows the stack
 * at about 4,000 levels on Node 20 (less when called deep inside a Next request); the store runs it on
 * every request it keeps. 100 sits far below that, and far above any crawler's data: a batch item is
 * 2 levels (array, request), which leaves 98 for userData, where real crawlers use a handful.
 */
export const MAX_JSON_DEPTH = 100;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether JSON text nests arrays/objects deeper than `cap`: one linear pass with no recursion, so it is
 * safe on any input. Brackets inside strings do not count; a backslash escapes the next character, so
 * `"\\"` ends its string while `"\""` does not. Malformed text is left for JSON.parse to refuse.
 */
export function nestsDeeperThan(text: string, cap: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (++depth > cap) return true;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}

const decompressors = {
  br: promisify(brotliDecompress),
  gzip: promisify(gunzip),
  deflate: promisify(inflate),
} as const;

const tooLarge = () =>
  new EmulatorError(413, 'request-too-large', `The request body is larger than the limit of ${MAX_BODY_BYTES} bytes`);

async function readCapped(request: Request): Promise<Buffer> {
  if (!request.body) return Buffer.alloc(0);
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function decompress(raw: Buffer, encoding: string): Promise<Buffer> {
  if (encoding === '' || encoding === 'identity') return raw;
  if (!(encoding in decompressors)) {
    throw new EmulatorError(
      415,
      'unsupported-content-encoding',
      `Content-Encoding "${encoding}" is not supported; use br, gzip, deflate or none`,
    );
  }
  try {
    return await decompressors[encoding as keyof typeof decompressors](raw, { maxOutputLength: MAX_BODY_BYTES });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
    throw invalidRequest(`The request body is not valid ${encoding} data`);
  }
}

/** Reads, decompresses (within the size cap) and parses a JSON request body. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const encoding = (request.headers.get('content-encoding') ?? '').trim().toLowerCase();
  const contentType = request.headers.get('content-type');
  if (contentType && !/^application\/json\b/i.test(contentType.trim())) {
    throw new EmulatorError(
      400,
      'invalid-content-type-header',
      `Content-Type must be application/json, got "${contentType}"`,
    );
  }
  const text = (await decompress(await readCapped(request), encoding)).toString('utf8');
  if (text.trim() === '') throw invalidRequest('The request body is empty; a JSON body is required');
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw invalidInput(`The request body nests deeper than ${MAX_JSON_DEPTH} levels of arrays and objects`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw invalidRequest('The request body is not valid JSON');
  }
}
